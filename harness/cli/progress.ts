import type { RunRecord } from '../runner/record.ts';
import { runIsolated, type RunRequest } from '../runner/supervisor.ts';
import { colorEnabled, painter, type ColorStream, type Paint } from './color.ts';
import { interruption } from './interrupt.ts';

/** What the progress line shows: `msPerRun` is the wall time a run takes (no ETA without it), `current` the scenario × agent now running. */
export type ProgressState = { total: number; done: number; passed: number; failed: number; elapsedMs: number; msPerRun?: number; current?: string };

const BAR_WIDTH = 20;

/** The help texts' word on it, for each command that runs a suite. */
export const PROGRESS_HELP = `On a terminal, a progress line on stderr shows the runs done, passed and failed and the time left;
with CI set, or stderr not a terminal, only the summary is printed. NO_COLOR=1 turns colour off.`;

/**
 * The progress line for `state`, at most `columns - 1` characters wide (writing the last column
 * makes some terminals wrap, and a wrapped line can no longer be redrawn in place). The ETA is
 * `msPerRun` times the runs left. When the line does not fit, the scenario × agent is shortened
 * first, then the bar dropped.
 *
 * @example progressLine({ total: 8, done: 2, passed: 1, failed: 1, elapsedMs: 3000, msPerRun: 1500 }, { columns: 80 })
 * // '▕█████░░░░░░░░░░░░░░░▏ 2/8 ✓ 1 ✗ 1 · 0:03 elapsed · ETA 0:09'
 */
export function progressLine(state: ProgressState, options: { columns: number; paint?: Paint }): string {
  const paint = options.paint ?? painter(false);
  const max = Math.max(1, options.columns - 1);
  const filled = state.total ? Math.round((BAR_WIDTH * state.done) / state.total) : BAR_WIDTH;
  const bar = `▕${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}▏ `;
  const eta = state.msPerRun === undefined ? '-' : formatDuration((state.total - state.done) * state.msPerRun);
  const counts = [`${state.done}/${state.total} `, `✓ ${state.passed}`, ' ', `✗ ${state.failed}`, ` · ${formatDuration(state.elapsedMs)} elapsed · ETA ${eta}`];
  const colored = [counts[0], paint('green', counts[1] as string), counts[2], state.failed ? paint('red', counts[3] as string) : counts[3], counts[4]].join('');
  const plain = counts.join('');
  const label = state.current === undefined ? '' : ` · ${state.current}`;
  if (bar.length + plain.length + label.length <= max) return bar + colored + label;
  if (bar.length + plain.length + 8 <= max) return `${bar}${colored}${label.slice(0, max - bar.length - plain.length - 1)}…`;
  if (plain.length <= max) return colored;
  return plain.slice(0, max);
}

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** CI is set to anything but empty, `false` or `0` (CI providers set `true`; some set `1`). */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return !!ci && ci !== 'false' && ci !== '0';
}

/** A redrawn line belongs on a terminal a person watches: not in a pipe, a file or a CI log, nor on a dumb terminal (no line clearing). */
export function showProgress(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !isCI(env) && env.TERM !== 'dumb';
}

export type ProgressStream = ColorStream & { columns?: number; write(text: string): unknown };

/**
 * Draws the progress line on `stream`, in place (`\r`, then clear to the end of the line), at most
 * once per `intervalMs` so a fast suite does not spend its time repainting; `tickMs` redraws the
 * clocks while one slow run holds every count still. `clear()` leaves the line empty for the summary.
 * The time per run is the mean between completions from the first one on: the first run also pays
 * for starting the worker (a second or two), which would make the early ETAs far too long.
 */
export class Progress {
  private done = 0;
  // The rest of `done` shows as failed: a run that did not pass (fail or error), as the exit code counts it.
  private passed = 0;
  private lastDrawMs = -Infinity;
  private firstDoneMs = 0;
  private msPerRun?: number;
  private drawn = false;
  private readonly startMs: number;
  private readonly paint: Paint;
  private ticker?: NodeJS.Timeout;

  constructor(
    private readonly stream: ProgressStream,
    private readonly requests: readonly RunRequest[],
    private readonly options: { color?: boolean; now?: () => number; intervalMs?: number; tickMs?: number } = {},
  ) {
    this.startMs = this.now();
    this.paint = painter(options.color ?? false);
  }

  start(): void {
    this.draw();
    const tickMs = this.options.tickMs ?? 1000;
    if (tickMs > 0) this.ticker = setInterval(() => this.draw(), tickMs).unref();
  }

  /** runIsolated's onRecord: `done` runs have finished, `record` the last of them. */
  record(record: RunRecord, done: number): void {
    this.done = done;
    if (record.verdict === 'pass') this.passed++;
    if (done === 1) this.firstDoneMs = this.now();
    else this.msPerRun = (this.now() - this.firstDoneMs) / (done - 1);
    if (this.now() - this.lastDrawMs >= (this.options.intervalMs ?? 100)) this.draw();
  }

  clear(): void {
    clearInterval(this.ticker);
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  private draw(): void {
    // Runs finish in request order with one worker; with --concurrency this is where the suite roughly is.
    const next = this.requests[this.done];
    const state = { total: this.requests.length, done: this.done, passed: this.passed, failed: this.done - this.passed, elapsedMs: this.now() - this.startMs, msPerRun: this.msPerRun };
    const line = progressLine(next ? { ...state, current: `${next.scenario} × ${next.agent}` } : state, { columns: this.stream.columns || 80, paint: this.paint });
    this.stream.write(`\r${line}\x1b[K`);
    this.drawn = true;
    this.lastDrawMs = this.now();
  }

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }
}

/** Who gets a progress line: `stream` when showProgress says a person watches it, coloured when it can be. */
export function progressFor(stream: ProgressStream, requests: readonly RunRequest[], env: NodeJS.ProcessEnv = process.env): Progress | undefined {
  return showProgress(stream, env) ? new Progress(stream, requests, { color: colorEnabled(stream, env) }) : undefined;
}

/**
 * runIsolated with a progress line on stderr (`io` in tests) when a person is watching it, and
 * nothing extra otherwise. The line is cleared before this resolves or throws, so what the command
 * prints next starts on a clean line.
 */
export async function runWithProgress(
  requests: RunRequest[],
  catalogue: Parameters<typeof runIsolated>[1],
  options: Parameters<typeof runIsolated>[2],
  io: { stream: ProgressStream; env: NodeJS.ProcessEnv } = { stream: process.stderr, env: process.env },
): Promise<RunRecord[]> {
  const progress = progressFor(io.stream, requests, io.env);
  progress?.start();
  try {
    return await runIsolated(requests, catalogue, {
      signal: interruption,
      ...options,
      onRecord: (record, done) => (progress?.record(record, done), options.onRecord?.(record, done)),
    });
  } finally {
    progress?.clear();
  }
}
