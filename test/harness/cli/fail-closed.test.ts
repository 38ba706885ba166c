import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli/main.ts';
import { cli, inProcess, outDir } from './helpers.ts';

// The CLI as a CI job sees it: exit codes and files, with agents that attack the process.
const hostile = (name: string) => resolve(`test/fixtures/hostile/${name}.mjs`);
// A gate runs its agents in worker threads, so one that kills or exits its thread is judged in this process.
const gate = (...args: string[]) => inProcess(main, ['gate', ...args]);
const runsIn = (out: string) => JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs as Array<{ agent: string; verdict: string }>;

/** Starts `faultline run`, sends `signal` once the suite has started, and resolves with the exit code. */
function interrupted(signal: 'SIGINT' | 'SIGTERM', out: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('node', ['bin/faultline.mjs', 'run', '--seeds', '5', '--out', out], { env: { ...process.env, CI: 'true' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => String(chunk).includes('runs') && setTimeout(() => child.kill(signal), 1_500));
    child.on('exit', (code) => done({ code, stderr }));
  });
}

describe('the CLI fails closed', () => {
  it('an agent that calls process.exit(0) fails its runs; the other agent still runs; exit 1 with every run recorded', async () => {
    const out = outDir();
    const { code } = await cli('run', '--scenario', 'string-coercion', '--agent', `${hostile('exits')},hardened`, '--seeds', '2', '--out', out);
    expect(code).toBe(1);
    expect(runsIn(out).map((r) => [r.agent.endsWith('exits.mjs') ? 'exits' : r.agent, r.verdict])).toEqual([
      ['exits', 'fail'],
      ['exits', 'fail'],
      ['hardened', 'pass'],
      ['hardened', 'pass'],
    ]);
  });

  it('a gate whose agent calls process.exit(0) fails against the baseline it passed', async () => {
    const dir = outDir();
    // One config file per agent: this process has imported the first one already.
    const config = (agent: string, name: string) => (writeFileSync(join(dir, name), `export default ${JSON.stringify({ agent, scenarios: ['string-coercion'], seeds: 2, trials: 1, baseline: 'baseline.json' })};\n`), join(dir, name));
    expect((await gate('--config', config('hardened', 'hardened.config.mjs'), '--update-baseline')).code).toBe(0);
    const judged = await gate('--config', config(hostile('exits'), 'exits.config.mjs'));
    expect(judged.code).toBe(1);
    expect(judged.out).toMatch(/REGRESSED string-coercion seed 1 trial 1: [\s\S]*REGRESSED string-coercion seed 2 trial 1/);
    expect(judged.out).toContain('gate: FAILED');
  });

  it('a gate whose agent kills its worker never passes, even against a baseline that failed, and never writes a baseline', async () => {
    const dir = outDir();
    // One config file per agent: this process has imported the first one already.
    const config = (agent: string, name: string) => (writeFileSync(join(dir, name), `export default ${JSON.stringify({ agent, scenarios: ['string-coercion'], seeds: 1, trials: 1, baseline: 'baseline.json' })};\n`), join(dir, name));
    expect((await gate('--config', config('naive', 'naive.config.mjs'), '--update-baseline')).code).toBe(0);
    const baseline = readFileSync(join(dir, 'baseline.json'), 'utf8');
    const dies = config(hostile('dies'), 'dies.config.mjs');
    const judged = await gate('--config', dies);
    expect(judged.code).toBe(1);
    expect(judged.out).toContain('gate: FAILED — 1 of 1 run(s) missing');
    expect((await gate('--config', dies, '--update-baseline')).code).toBe(1);
    expect(readFileSync(join(dir, 'baseline.json'), 'utf8')).toBe(baseline);
  });

  it.each([
    ['import-exits', 'the module failed to load: it called process.exit(0) while loading'],
    ['import-throws', 'the module failed to load: this module cannot be imported'],
  ])('a module that fails while it is imported (%s) is bad input (exit 2), and nothing runs', async (name, message) => {
    const out = outDir();
    const { code, stderr } = await cli('run', '--scenario', 'string-coercion', '--agent', hostile(name), '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });

  it('a loaded module that ends the process later, in the middle of the suite, cannot leave exit code 0', async () => {
    const { code, stderr } = await cli('run', '--scenario', hostile('scenario-exits-later'), '--agent', 'naive', '--seeds', '200', '--out', outDir());
    expect(code).toBe(1);
    expect(stderr).toContain('the process ended before faultline finished');
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s ends the suite: exit %i, nothing written, the reports already there left as they were', async (signal, exitCode) => {
    const out = outDir();
    // The reports already there are written in this process; the suite to interrupt is a CLI process.
    expect((await inProcess(main, ['run', '--scenario', 'string-coercion', '--agent', 'hardened', '--out', out])).code).toBe(0);
    const before = readFileSync(join(out, 'results.json'), 'utf8');
    const history = readFileSync(join(out, 'histories', 'string-coercion__hardened__s1.jsonl'), 'utf8');
    const { code, stderr } = await interrupted(signal, out);
    expect(code).toBe(exitCode);
    expect(stderr).toContain(`interrupted (${signal})`);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(before);
    // The histories the workers had written went to a folder of the suite's own, removed with it.
    expect(readdirSync(out).sort()).toEqual(['histories', 'report.html', 'results.json', 'summary.md']);
    expect(readdirSync(join(out, 'histories'))).toEqual(['string-coercion__hardened__s1.jsonl']);
    expect(readFileSync(join(out, 'histories', 'string-coercion__hardened__s1.jsonl'), 'utf8')).toBe(history);
  });

  it("writing a suite's results removes the histories of an earlier suite in the same folder, and temp files left behind", async () => {
    const out = outDir();
    await inProcess(main, ['run', '--scenario', 'dropped-ack', '--agent', 'naive', '--seeds', '2', '--out', out]);
    // Left by a killed process (no process has this id: it is above Linux's largest) …
    const dead = 99_999_999;
    writeFileSync(join(out, `results.json.${dead}.tmp`), 'half');
    writeFileSync(join(out, 'histories', `x.jsonl.${dead}.tmp`), 'half');
    // … and the folder a killed suite's workers wrote their histories to.
    mkdirSync(join(out, `histories.${dead}.tmp`, 'histories'), { recursive: true });
    writeFileSync(join(out, `histories.${dead}.tmp`, 'histories', 'x.jsonl'), 'whole');
    // The folder of a suite still running in the same --out (this process's parent stands for it) is left to it.
    mkdirSync(join(out, `histories.${process.ppid}.tmp`, 'histories'), { recursive: true });
    await inProcess(main, ['run', '--scenario', 'string-coercion', '--agent', 'naive', '--out', out]);
    expect(readdirSync(out).sort()).toEqual(['histories', `histories.${process.ppid}.tmp`, 'report.html', 'results.json', 'summary.md']);
    expect(readdirSync(join(out, 'histories'))).toEqual(['string-coercion__naive__s1.jsonl']);
  });
});
