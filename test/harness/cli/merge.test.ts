import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../harness/cli/main.ts';
import { mergeCommand } from '../../../harness/cli/merge.ts';
import { runCommand } from '../../../harness/cli/run.ts';
import { RESULTS_FORMAT } from '../../../harness/runner/record.ts';
import { fakeInput, fakeRun } from '../../reports/helpers.ts';
import { inProcess, outDir } from './helpers.ts';

const run = (...args: string[]) => inProcess(runCommand, args);
const merge = (...args: string[]) => inProcess(mergeCommand, args);
const read = (...path: string[]) => readFileSync(join(...path), 'utf8');
/** results.json as text, with what differs between two processes running the same suite set aside. */
const comparable = (dir: string) =>
  read(dir, 'results.json')
    .replace(/"wallMs": [\d.e+-]+/g, '"wallMs": 0')
    .replace(/"createdBy": "[^"]*"/, '"createdBy": "…"');
const runsOf = (dir: string) => JSON.parse(read(dir, 'results.json')).runs as Array<{ scenario: string; agent: string; seed: number; trial: number; historyFile: string }>;

afterEach(() => vi.restoreAllMocks());

describe('faultline run --shard, then faultline merge', () => {
  const SUITE = ['--scenario', 'dropped-ack,string-coercion', '--agent', 'naive,hardened', '--seeds', '2'];
  const dirs = { whole: '', s1: '', s2: '', merged: '' };
  const outputs: Record<string, { code: number; out: string }> = {};

  beforeAll(async () => {
    for (const key of Object.keys(dirs) as Array<keyof typeof dirs>) dirs[key] = outDir();
    outputs.whole = await run(...SUITE, '--out', dirs.whole);
    outputs.s1 = await run(...SUITE, '--shard', '1/2', '--out', dirs.s1);
    outputs.s2 = await run(...SUITE, '--shard', '2/2', '--out', dirs.s2);
    outputs.merged = await merge(dirs.s2, dirs.s1, '--out', dirs.merged);
  });

  it('each shard runs every other run of the suite, and says which shard of how many runs it is', () => {
    expect(outputs.s1?.out).toContain('2 scenario(s) × 2 agent(s) × 2 seed(s) = 8 runs; shard 1/2: 4 of them');
    expect(outputs.s2?.out).toContain('= 8 runs; shard 2/2: 4 of them');
    expect(outputs.s1?.out).toContain("shard 1/2: faultline merge the 2 shards' --out folders for the whole suite's reports");
    const key = (r: { scenario: string; agent: string; seed: number }) => `${r.scenario} ${r.agent} ${r.seed}`;
    const whole = runsOf(dirs.whole).map(key);
    expect(runsOf(dirs.s1).map(key)).toEqual(whole.filter((_, i) => i % 2 === 0));
    expect(runsOf(dirs.s2).map(key)).toEqual(whole.filter((_, i) => i % 2 === 1));
    expect(JSON.parse(read(dirs.s2, 'results.json')).shard).toEqual({ index: 2, count: 2, suiteRuns: 8 });
  });

  it('the merged results.json is the one an unsharded run writes, but for wall times and createdBy', () => {
    expect(outputs.merged).toMatchObject({ code: 1, out: expect.stringContaining('faultline merge: 8 run(s) from 2 folder(s) (shards 1–2 of 2)') });
    expect(outputs.whole?.code).toBe(1);
    expect(comparable(dirs.merged)).toBe(comparable(dirs.whole));
    expect(JSON.parse(read(dirs.merged, 'results.json')).createdBy).toBe('faultline merge');
    expect(read(dirs.merged, 'summary.md')).toBe(read(dirs.whole, 'summary.md'));
    expect(readdirSync(dirs.merged).sort()).toEqual(['histories', 'report.html', 'results.json', 'summary.md']);
    for (const r of runsOf(dirs.merged)) expect(read(dirs.merged, r.historyFile)).toBe(read(dirs.whole, r.historyFile));
    // The terminal summary too, from its table on (the first line is the command's own).
    expect(outputs.merged?.out.split('\n').slice(1).join('\n').replaceAll(dirs.merged, 'OUT')).toBe(outputs.whole?.out.split('\n').slice(1).join('\n').replaceAll(dirs.whole, 'OUT'));
  });

  it('refuses the same folder twice, and a run in two folders, naming both', async () => {
    await expect(mergeCommand([dirs.s1, join(dirs.s1, 'results.json'), '--out', outDir()])).rejects.toMatchObject({
      exitCode: 2,
      message: `[faultline] ${dirs.s1} and ${join(dirs.s1, 'results.json')} are the same results; give each folder once`,
    });
    await expect(mergeCommand([dirs.s1, dirs.whole, '--out', outDir()])).rejects.toMatchObject({
      exitCode: 2,
      message: `[faultline] the run dropped-ack × naive seed 1 trial 1 is in both ${dirs.s1} and ${dirs.whole}; merge each run once (shards of one split never share a run)`,
    });
  });

  it('refuses a suite with a shard missing, writing nothing', async () => {
    const out = outDir();
    await expect(mergeCommand([dirs.s1, '--out', out])).rejects.toThrow(/shard 2\/2 missing: without it the merged results would not be the whole suite; give the folders of all 2 shards/);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('faultline merge with trials', () => {
  it('computes pass^k over the shards, which hold only some trials of each seed, as one run would', async () => {
    const SUITE = ['--scenario', 'reordered-parallel,string-coercion', '--agent', 'hardened', '--seeds', '2', '--trials', '3'];
    const [whole, merged, ...shards] = [outDir(), outDir(), outDir(), outDir(), outDir()];
    expect((await run(...SUITE, '--out', whole)).code).toBe(0);
    for (const [i, dir] of shards.entries()) expect((await run(...SUITE, '--shard', `${i + 1}/3`, '--out', dir)).code).toBe(0);
    for (const dir of shards) expect(JSON.parse(read(dir, 'results.json')).passK).toBeUndefined();
    const { code, out } = await merge(...shards.reverse(), '--out', merged, '--reporter', 'md');
    expect(code).toBe(0);
    expect(out).toMatch(/pass\^3 reordered-parallel × hardened: 1\.000 \(95 % interval 0\.\d{3}–1\.000, 6\/6 runs passed\)/);
    expect(JSON.parse(read(merged, 'results.json')).passK).toHaveLength(2);
    expect(comparable(merged)).toBe(comparable(whole));
  });
});

describe('faultline merge refuses bad input', () => {
  const folder = (text?: string) => {
    const dir = outDir();
    if (text !== undefined) writeFileSync(join(dir, 'results.json'), text);
    return dir;
  };

  it.each([
    ['a folder without results.json', undefined, /results\.json: no such file; expected a results\.json written by faultline run/],
    ['a file that is not results', JSON.stringify({ hello: 'world' }), /results\.json: not faultline results \(no "format"/],
    ['another format version', JSON.stringify({ format: 'faultline.results/2', createdBy: 'x', runs: [] }), /results\.json: format "faultline\.results\/2" is not one this faultline reads; expected "faultline\.results\/1"/],
    [
      'a broken shard field',
      JSON.stringify({ format: RESULTS_FORMAT, createdBy: 'x', runs: [], shard: { index: 3, count: 2 } }),
      /results\.json: shard: \{"index":3,"count":2\} is not \{ index, count, suiteRuns \} as faultline run --shard writes it/,
    ],
  ])('%s: exit 2 naming the file and what was expected, writing nothing', async (_what, text, message) => {
    const [dir, out] = [folder(text), join(outDir(), 'merged')];
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a.join(' ')));
    expect(await main(['merge', dir, '--out', out])).toBe(2);
    expect(errors.join('\n')).toMatch(message);
    expect(errors.join('\n')).toContain(join(dir, 'results.json'));
    expect(existsSync(out)).toBe(false);
  });

  it('checks --out after reading the inputs and before writing anything (exit 2); a good one is written', async () => {
    const dir = folder(JSON.stringify(fakeInput([fakeRun()]).results));
    const file = join(dir, 'results.json');
    await expect(mergeCommand([dir, '--out', ''])).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--out: the path is empty') });
    await expect(mergeCommand([dir, '--out', file])).rejects.toThrow(`--out ${file}: is a file, not a folder`);
    await expect(mergeCommand([dir, '--out', '..'])).rejects.toThrow('--out ..: is a parent of the current folder');
    const out = join(outDir(), 'merged');
    expect(await merge(dir, '--out', out, '--reporter', 'json')).toMatchObject({ code: 0 });
    expect(JSON.parse(read(out, 'results.json')).runs).toHaveLength(1);
  });

  it('needs at least one folder', async () => {
    await expect(mergeCommand([])).rejects.toThrow('give the output folders of the runs to merge');
  });

  it('is listed in the help, and has its own', async () => {
    expect((await inProcess(main, ['--help'])).out).toMatch(/\n {2}merge {6}combine the results of run --shard k\/n/);
    expect((await inProcess(main, ['merge', '--help'])).out).toContain('Usage: faultline merge DIR… [--out DIR] [--reporter LIST]');
  });
});
