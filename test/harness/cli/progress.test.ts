import { describe, expect, it } from 'vitest';
import { formatDuration, isCI, Progress, progressFor, progressLine, runWithProgress, showProgress } from '../../../harness/cli/progress.ts';
import { painter } from '../../../harness/cli/color.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import { loadCatalogue } from '../../../scenarios/index.ts';
import { fakeRun } from '../../reports/helpers.ts';

/** A terminal as the progress line sees one: what it was sent, in order. */
function fakeTTY(columns = 100) {
  const writes: string[] = [];
  return { isTTY: true, columns, hasColors: () => true, write: (text: string) => void writes.push(text), writes };
}

const requests = [
  { scenario: 'dropped-ack', agent: 'naive', seed: 1, trial: 1 },
  { scenario: 'dropped-ack', agent: 'hardened', seed: 1, trial: 1 },
  { scenario: 'string-coercion', agent: 'naive', seed: 1, trial: 1 },
];
const record = (verdict: 'pass' | 'fail') => fakeRun({ verdict }) as unknown as RunRecord;

describe('progressLine', () => {
  const state = { total: 8, done: 2, passed: 1, failed: 1, elapsedMs: 3_000, msPerRun: 1_500, current: 'dropped-ack × naive' };

  it('shows the bar, done/total, passed and failed, elapsed, the ETA and the run in progress', () => {
    expect(progressLine(state, { columns: 100 })).toBe('▕█████░░░░░░░░░░░░░░░▏ 2/8 ✓ 1 ✗ 1 · 0:03 elapsed · ETA 0:09 · dropped-ack × naive');
  });

  it('has no ETA until a time per run is known, and a full bar at the end', () => {
    expect(progressLine({ ...state, done: 0, passed: 0, failed: 0, msPerRun: undefined }, { columns: 100 })).toBe('▕░░░░░░░░░░░░░░░░░░░░▏ 0/8 ✓ 0 ✗ 0 · 0:03 elapsed · ETA - · dropped-ack × naive');
    expect(progressLine({ ...state, done: 8, passed: 8, failed: 0, current: undefined }, { columns: 100 })).toBe('▕████████████████████▏ 8/8 ✓ 8 ✗ 0 · 0:03 elapsed · ETA 0:00');
  });

  it('stays narrower than the terminal: the run in progress is cut first, then the bar goes', () => {
    const full = progressLine(state, { columns: 100 });
    const cut = progressLine(state, { columns: 75 });
    expect(cut).toHaveLength(74);
    expect(cut).toBe(`${full.slice(0, 73)}…`);
    expect(progressLine(state, { columns: 50 })).toBe('2/8 ✓ 1 ✗ 1 · 0:03 elapsed · ETA 0:09');
    expect(progressLine(state, { columns: 20 })).toHaveLength(19);
  });

  it('colours passed green and failed red, only when there are failures, and nothing else', () => {
    const line = progressLine(state, { columns: 100, paint: painter(true) });
    expect(line).toContain('\x1b[32m✓ 1\x1b[39m \x1b[31m✗ 1\x1b[39m');
    expect(line.replace(/\x1b\[\d+m/g, '')).toBe(progressLine(state, { columns: 100 }));
    expect(progressLine({ ...state, failed: 0 }, { columns: 100, paint: painter(true) })).toContain('\x1b[39m ✗ 0 ·');
  });

  it.each([
    [0, '0:00'],
    [9_400, '0:09'],
    [61_000, '1:01'],
    [3_599_000, '59:59'],
    [3_723_000, '1:02:03'],
  ])('formats %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('when the progress line is shown', () => {
  it.each([
    [{}, false],
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CI: 'woodpecker' }, true],
    [{ CI: '' }, false],
    [{ CI: 'false' }, false],
    [{ CI: 'FALSE' }, false],
    [{ CI: '0' }, false],
  ])('CI in %j: isCI is %s', (env, ci) => expect(isCI(env)).toBe(ci));

  it('only on a TTY, outside CI, and not on a dumb terminal', () => {
    expect(showProgress({ isTTY: true }, {})).toBe(true);
    expect(showProgress({ isTTY: false }, {})).toBe(false);
    expect(showProgress({}, {})).toBe(false);
    expect(showProgress({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(showProgress({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('progressFor gives none for a pipe or in CI, and a coloured one on a terminal unless NO_COLOR', () => {
    expect(progressFor({ ...fakeTTY(), isTTY: false }, requests, {})).toBeUndefined();
    expect(progressFor(fakeTTY(), requests, { CI: 'true' })).toBeUndefined();
    const tty = fakeTTY();
    progressFor(tty, requests, {})?.start();
    progressFor(tty, requests, { NO_COLOR: '1' })?.start();
    expect(tty.writes).toHaveLength(2);
    expect(tty.writes[0]).toContain('\x1b[32m');
    expect(tty.writes[1]).not.toMatch(/\x1b\[\d+m/);
  });
});

describe('Progress', () => {
  it('draws in place, throttles redraws, and clears the line', () => {
    let now = 0;
    const tty = fakeTTY();
    const progress = new Progress(tty, requests, { now: () => now, tickMs: 0 });
    progress.start();
    now = 2_000;
    progress.record(record('fail'), 1);
    now = 2_050; // within 100 ms of the last draw: counted, not drawn
    progress.record(record('pass'), 2);
    now = 3_000;
    progress.record(record('pass'), 3);
    progress.clear();
    expect(tty.writes).toEqual([
      '\r▕░░░░░░░░░░░░░░░░░░░░▏ 0/3 ✓ 0 ✗ 0 · 0:00 elapsed · ETA - · dropped-ack × naive\x1b[K',
      '\r▕███████░░░░░░░░░░░░░▏ 1/3 ✓ 0 ✗ 1 · 0:02 elapsed · ETA - · dropped-ack × hardened\x1b[K',
      '\r▕████████████████████▏ 3/3 ✓ 2 ✗ 1 · 0:03 elapsed · ETA 0:00\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('takes the time per run from the completions after the first, which also paid for starting the worker', () => {
    let now = 0;
    const tty = fakeTTY();
    const progress = new Progress(tty, [...requests, ...requests], { now: () => now, tickMs: 0 });
    now = 5_000;
    progress.record(record('pass'), 1);
    now = 6_000;
    progress.record(record('pass'), 2);
    now = 8_000;
    progress.record(record('pass'), 3);
    expect(tty.writes.at(-1)).toContain('3/6 ✓ 3 ✗ 0 · 0:08 elapsed · ETA 0:05 · dropped-ack × naive');
  });

  it('clears nothing it did not draw', () => {
    const tty = fakeTTY();
    new Progress(tty, requests).clear();
    expect(tty.writes).toEqual([]);
  });
});

describe('runWithProgress', () => {
  const catalogue = loadCatalogue();
  const two = [
    { scenario: 'dropped-ack', agent: 'hardened', seed: 1, trial: 1 },
    { scenario: 'dropped-ack', agent: 'naive', seed: 1, trial: 1 },
  ];

  it('on a terminal, draws while the runs go and leaves a cleared line', async () => {
    const tty = fakeTTY();
    const records = await runWithProgress(two, catalogue, { wallTimeoutMs: 20_000 }, { stream: tty, env: {} });
    expect(records.map((r) => r.verdict)).toEqual(['pass', 'fail']);
    expect(tty.writes[0]).toMatch(/^\r▕░+▏ 0\/2 .* · dropped-ack × hardened\x1b\[K$/);
    expect(tty.writes.length).toBeGreaterThanOrEqual(2);
    expect(tty.writes.at(-1)).toBe('\r\x1b[K');
  });

  it.each([
    ['CI=true', fakeTTY(), { CI: 'true' }],
    ['a pipe', { ...fakeTTY(), isTTY: false }, {}],
  ])('with %s writes nothing', async (_what, stream, env) => {
    const records = await runWithProgress(two, catalogue, { wallTimeoutMs: 20_000 }, { stream, env });
    expect(records).toHaveLength(2);
    expect(stream.writes).toEqual([]);
  });
});
