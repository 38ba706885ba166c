import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../../harness/cli/run.ts';
import { cli, inProcess, outDir } from './helpers.ts';

describe('faultline run', () => {
  it('exits 0 when every check holds and writes results.json with histories', async () => {
    const out = outDir();
    const { code, stdout } = await cli('run', '--scenario', 'dropped-ack,string-coercion', '--agent', 'hardened', '--seeds', '2', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain('2/2 pass');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.format).toBe('faultline.results/1');
    expect(results.runs).toHaveLength(4);
    for (const r of results.runs) {
      expect(Object.keys(r.metrics).sort()).toEqual(['effects', 'inputTokens', 'modelTurns', 'outputTokens', 'toolCalls', 'virtualMs', 'wallMs']);
      expect(r.replay).toBe(`npx faultline run --scenario ${r.scenario} --agent hardened --seed ${r.seed}`);
      expect(existsSync(join(out, r.historyFile))).toBe(true);
    }
  });

  it('exits 1 when a check fails, naming the check and the replay command', async () => {
    const { code, stdout } = await cli('run', '--scenario', 'reordered-parallel', '--agent', 'naive', '--seed', '4', '--out', outDir());
    expect(code).toBe(1);
    expect(stdout).toContain('results-correlated fail');
    expect(stdout).toContain('replay: npx faultline run --scenario reordered-parallel --agent naive --seed 4');
  });

  it('--trials K runs each seed K times and reports pass^K with its interval, in the output and in results.json', async () => {
    const out = outDir();
    const { code, stdout } = await cli('run', '--scenario', 'dropped-ack', '--agent', 'naive,hardened', '--seeds', '2', '--trials', '3', '--out', out);
    expect(code).toBe(1);
    expect(stdout).toContain('1 scenario(s) × 2 agent(s) × 2 seed(s) × 3 trials = 12 runs');
    expect(stdout).toMatch(/pass\^3 dropped-ack × naive: 0\.000 \(95 % interval 0\.000–0\.\d{3}, 0\/6 runs passed\)/);
    expect(stdout).toMatch(/pass\^3 dropped-ack × hardened: 1\.000 \(95 % interval 0\.\d{3}–1\.000, 6\/6 runs passed\)/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.runs.map((r: { trial: number }) => r.trial)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
    expect(results.passK).toEqual([
      { scenario: 'dropped-ack', agent: 'naive', k: 3, runs: 6, passed: 0, passK: 0, ci: [0, expect.any(Number)] },
      { scenario: 'dropped-ack', agent: 'hardened', k: 3, runs: 6, passed: 6, passK: 1, ci: [expect.any(Number), 1] },
    ]);
  });

  it.each([
    [['--scenario', 'nope'], /unknown scenario "nope". Known: dropped-ack/],
    [['--agent', 'nope'], /unknown agent "nope". Use one of naive, hardened/],
    [['--agent', 'test/fixtures/agents/no-default.mjs'], /default export must be an Agent/],
    [['--agent', 'missing/agent.ts'], /no such file/],
    [['--seeds', 'zero'], /--seeds: "zero" is not an integer/],
    [['--trial', '2', '--trials', '3'], /--trial and --trials: give one or the other/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    // An empty list would run nothing and exit 0 (found by the CLI fuzz test).
    [['--agent', ''], /--agent: "" names nothing/],
    [['--scenario', ','], /--scenario: "," names nothing/],
  ])('exits 2 on bad input %j, writing nothing', async (args, message) => {
    const out = outDir();
    const { code, stderr } = await cli('run', ...args, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });

  it('the same seed gives byte-identical histories in two separate processes', async () => {
    const [a, b] = [outDir(), outDir()];
    const args = ['run', '--scenario', 'error-after-commit,reordered-parallel', '--agent', 'naive,hardened', '--seed', '11'];
    await Promise.all([cli(...args, '--out', a), cli(...args, '--out', b)]);
    const runsA = JSON.parse(readFileSync(join(a, 'results.json'), 'utf8')).runs;
    const runsB = JSON.parse(readFileSync(join(b, 'results.json'), 'utf8')).runs;
    expect(runsA.map((r: { historyDigest: string }) => r.historyDigest)).toEqual(runsB.map((r: { historyDigest: string }) => r.historyDigest));
    for (const r of runsA) expect(readFileSync(join(a, r.historyFile), 'utf8')).toBe(readFileSync(join(b, r.historyFile), 'utf8'));
  });
});

describe('faultline run: inputs checked before anything runs', () => {
  afterEach(() => vi.restoreAllMocks());
  const aFile = join(outDir(), 'results.json');
  writeFileSync(aFile, '{}');
  const wrapped = 'test/fixtures/agents/wrapped.ts';

  it.each([
    [['--out', ''], '--out: the path is empty, which would write into the current folder; give a folder of its own, e.g. --out faultline-out'],
    [['--out', aFile], `--out ${aFile}: is a file, not a folder`],
    [['--out', '.'], '--out .: is the current folder'],
    [['--out', '/proc/faultline-out'], '--out /proc/faultline-out: cannot write there (E'],
    [['--agent', 'hardened,naive,hardened'], '--agent: "hardened" is given twice; give each once'],
    [['--agent', `./${wrapped},${wrapped}`], `--agent: "./${wrapped}" and "${wrapped}" are the same file (${join(process.cwd(), wrapped)})`],
    [['--scenario', 'dropped-ack,string-coercion,dropped-ack'], '--scenario: "dropped-ack" is given twice'],
    [['--wall-timeout-ms', '2147483648'], '--wall-timeout-ms: 2147483648 is too large: at most 2147483647 ms, the largest delay a timer can hold'],
  ])('refuses %j with exit 2 and a message naming it, printing no suite', async (args, message) => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = await runCommand(['--scenario', 'dropped-ack', '--agent', 'hardened', '--out', outDir(), ...args]).catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: 2, message: expect.stringContaining(message) });
    expect(log).not.toHaveBeenCalled();
  });

  it('runs with the largest wall timeout a timer holds, into a folder it creates', async () => {
    const out = join(outDir(), 'nested', 'faultline-out');
    const { code } = await inProcess(runCommand, ['--scenario', 'dropped-ack', '--agent', 'hardened', '--wall-timeout-ms', '2147483647', '--out', out]);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs).toHaveLength(1);
  });
});
