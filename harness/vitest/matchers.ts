import type { MatcherState } from 'vitest';
import { toolExchanges } from '../../evals/checkers/tool-uses.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { UsageError } from '../errors.ts';
import { eventsOf, parseHistory, type HistoryEvent } from '../history.ts';
import type { RunRecord } from '../runner/record.ts';
import { effectProblems } from './effects.ts';
import { builtInCatalogue } from './run.ts';
import { isProblem } from '../../evals/checkers/types.ts';

/** The matchers `faultline/vitest` adds to `expect`. Each takes a run from `runScenario` (or a results.json record with its history). */
export interface FaultlineMatchers<R = unknown> {
  /** Every check of the run passed. The failure lists each check that did not, with its message, and the replay command. */
  toPass(): R;
  /** The check `id` (e.g. `'exactly-once'`) ran and passed. */
  toPassCheck(id: string): R;
  /** The check `id` ran and failed: what a negative control (`naive`) must do. */
  toFailCheck(id: string): R;
  /**
   * The world's ledger holds each effect exactly as often as meant: every intended effect of the
   * scenario exactly its intended count (the `exactly-once` checker), and no other effect twice —
   * the same service, kind and fields, ignoring ids the service generated.
   */
  toHaveEffectsExactlyOnce(): R;
  /** The runtime sent `name`'s endpoint `times` requests (retries included), or at least one when `times` is omitted. */
  toHaveCalledTool(name: string, times?: number): R;
}

declare module 'vitest' {
  // Since vitest 3.2, Matchers types expect(x).*, expect.* (asymmetric) and expect.extend at once.
  // biome-ignore lint/suspicious/noExplicitAny: an augmentation repeats vitest's own declaration, `T = any`.
  interface Matchers<T = any> extends FaultlineMatchers<void> {}
}

type Received = RunRecord & { definition?: Scenario; events?: readonly HistoryEvent[] };
type Run = { record: Received; name: string; events: readonly HistoryEvent[]; scenario: Scenario | undefined };
type Result = { pass: boolean; message: () => string };

/** `dropped-ack × hardened × seed 3` (and `× trial 2` past the first trial): how tests and messages name a run. */
export const runName = (r: Pick<RunRecord, 'scenario' | 'agent' | 'seed' | 'trial'>): string => `${r.scenario} × ${r.agent} × seed ${r.seed}${r.trial > 1 ? ` × trial ${r.trial}` : ''}`;

/** The matcher implementations, for `expect.extend(faultlineMatchers)` on an expect of your own; importing `faultline/vitest` installs them. */
export const faultlineMatchers = {
  toPass(this: MatcherState, received: unknown): Result {
    const run = asRun(received, 'toPass');
    const failing = run.record.checks.filter(isProblem);
    const pass = failing.length === 0;
    return {
      pass,
      message: () =>
        pass
          ? `expected ${run.name} not to pass, but every check passed (${run.record.checks.map((c) => c.id).join(', ')})${replay(run)}`
          : `expected ${run.name} to pass every check; ${failing.length} of ${run.record.checks.length} did not:\n${failing.map((c) => `  ✗ ${c.id} (${c.verdict}): ${c.message}`).join('\n')}${replay(run)}`,
    };
  },

  toPassCheck(this: MatcherState, received: unknown, id: string): Result {
    return checkIs(asRun(received, 'toPassCheck'), 'toPassCheck', id, 'pass');
  },

  toFailCheck(this: MatcherState, received: unknown, id: string): Result {
    return checkIs(asRun(received, 'toFailCheck'), 'toFailCheck', id, 'fail');
  },

  toHaveEffectsExactlyOnce(this: MatcherState, received: unknown): Result {
    const run = asRun(received, 'toHaveEffectsExactlyOnce');
    const problems = effectProblems(run.scenario, run.events);
    const commits = eventsOf(run.events, 'commit').length;
    const unchecked = run.scenario ? '' : ` (scenario "${run.record.scenario}" unknown here: its intended effects were not counted; pass the run runScenario returned)`;
    return {
      pass: problems.length === 0,
      message: () =>
        problems.length === 0
          ? `expected ${run.name} not to have each effect exactly once, but its ${commits} commit(s) are each as intended${unchecked}${replay(run)}`
          : `expected ${run.name} to commit each effect exactly once; the ledger says:\n${problems.map((p) => `  ✗ ${p}`).join('\n')}${unchecked}${replay(run)}`,
    };
  },

  toHaveCalledTool(this: MatcherState, received: unknown, name: string, times?: number): Result {
    const run = asRun(received, 'toHaveCalledTool');
    if (typeof name !== 'string' || !name) throw new UsageError(`toHaveCalledTool: the tool name must be a non-empty string, got ${String(name)}`);
    if (times !== undefined && !(Number.isInteger(times) && times >= 0)) throw new UsageError(`toHaveCalledTool: times must be an integer ≥ 0, got ${String(times)}`);
    const requests = eventsOf(run.events, 'tool-request').filter((r) => r.route === name);
    const pass = times === undefined ? requests.length > 0 : requests.length === times;
    const wanted = times === undefined ? 'at least once' : timesText(times);
    const tools = run.scenario?.tools.map((t) => t.name);
    const unknown = tools && !tools.includes(name) ? `\n  the scenario has no tool ${name}; its tools: ${tools.join(', ')}` : '';
    return {
      pass,
      message: () =>
        `expected ${run.name} ${pass ? 'not ' : ''}to call ${name} ${wanted}; it called it ${timesText(requests.length)}` +
        `${calls(run.events, requests)}; the model asked for it ${timesText(toolExchanges(run.events).filter((x) => x.use.name === name).length)}` +
        `\n  tool calls in all: ${tally(run.events)}${unknown}${replay(run)}`,
    };
  },
};

function checkIs(run: Run, matcher: string, id: string, verdict: 'pass' | 'fail'): Result {
  if (typeof id !== 'string') throw new UsageError(`${matcher}: the check id must be a string, got ${String(id)}`);
  const check = run.record.checks.find((c) => c.id === id);
  if (!check) throw new UsageError(`${matcher}: ${run.name} has no check "${id}"; its checks: ${run.record.checks.map((c) => c.id).join(', ')}`);
  const pass = check.verdict === verdict;
  return {
    pass,
    message: () => `expected ${run.name} ${pass ? 'not ' : ''}to ${verdict} check ${id}, but it ${verdictWords[check.verdict]}: ${check.message}${replay(run)}`,
  };
}

function asRun(received: unknown, matcher: string): Run {
  if (received instanceof Promise) throw new UsageError(`${matcher}: received a Promise; await runScenario(…) first`);
  const r = received as Partial<Received> | null;
  if (!r || typeof r !== 'object' || !Array.isArray(r.checks) || typeof r.history !== 'string' || typeof r.replay !== 'string')
    throw new UsageError(`${matcher}: expected a run from runScenario() (or a results.json record with its history), got ${describe(received)}`);
  const record = r as Received;
  return { record, name: runName(record), events: record.events ?? parseHistory(record.history), scenario: record.definition ?? builtInCatalogue().get(record.scenario) };
}

const verdictWords = { pass: 'passed', fail: 'failed', 'not-applicable': 'had nothing to judge (not-applicable)', unknown: 'could not decide (unknown)' } as const;

const timesText = (n: number): string => (n === 1 ? '1 time' : `${n} times`);

const replay = (run: Run): string => `\nreplay: ${run.record.replay}`;

function calls(events: readonly HistoryEvent[], requests: ReturnType<typeof eventsOf<'tool-request'>>): string {
  if (!requests.length) return '';
  const completes = new Map(eventsOf(events, 'tool-complete').map((c) => [c.id, c]));
  return ` (${requests.map((r) => `${r.id} at ${r.t} ms → ${completes.get(r.id)?.outcome ?? 'open'}${completes.get(r.id)?.status ? ` ${completes.get(r.id)?.status}` : ''}`).join(', ')})`;
}

function tally(events: readonly HistoryEvent[]): string {
  const counts = new Map<string, number>();
  for (const r of eventsOf(events, 'tool-request')) counts.set(r.route, (counts.get(r.route) ?? 0) + 1);
  return counts.size ? [...counts].map(([tool, n]) => `${tool} ×${n}`).join(', ') : '(none)';
}

const describe = (x: unknown): string =>
  x === null
    ? 'null'
    : Array.isArray(x)
      ? 'an array'
      : typeof x === 'object'
        ? `an object with keys ${
            Object.keys(x as object)
              .slice(0, 6)
              .join(', ') || '(none)'
          }`
        : `${typeof x} ${String(x)}`;
