import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gateCommand } from '../../../harness/cli/gate.ts';
import { inProcess, outDir } from './helpers.ts';

// A suite that loses runs (a worker that died without a record): the last `drop` records never come back.
const suite = vi.hoisted(() => ({ drop: 0 }));
vi.mock('../../../harness/cli/progress.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../harness/cli/progress.ts')>();
  const runWithProgress: typeof real.runWithProgress = async (...args) => {
    const records = await real.runWithProgress(...args);
    return records.slice(0, records.length - suite.drop);
  };
  return { ...real, runWithProgress };
});

/** A config in a fresh folder (its baseline lives beside it); returns the config path. */
function config(fields: Record<string, unknown>): string {
  const dir = outDir();
  const file = join(dir, 'faultline.config.mjs');
  writeFileSync(file, `export default ${JSON.stringify({ scenarios: ['dropped-ack', 'string-coercion'], seeds: 2, trials: 2, baseline: 'baseline.json', ...fields })};\n`);
  return file;
}

const gate = (...args: string[]) => inProcess(gateCommand, args);

afterEach(() => {
  vi.restoreAllMocks();
  suite.drop = 0;
});

describe('faultline gate', () => {
  it('writes a baseline with --update-baseline, then passes against it', async () => {
    const file = config({ agent: 'hardened' });
    expect(await gate('--config', file, '--update-baseline')).toMatchObject({ code: 0, out: expect.stringContaining('baseline written to') });
    const baseline = JSON.parse(readFileSync(join(file, '..', 'baseline.json'), 'utf8'));
    expect(baseline).toMatchObject({ format: 'faultline.baseline/1', agent: 'hardened', seeds: 2, trials: 2 });
    expect(baseline.scenarios['dropped-ack'].runs).toEqual({ s1t1: 'pass', s1t2: 'pass', s2t1: 'pass', s2t2: 'pass' });
    expect(await gate('--config', file)).toMatchObject({ code: 0, out: expect.stringContaining('gate: passed') });
  });

  it('names the scenarios in which no fault ever struck the agent apart from its mean pass^k, instead of counting them as passes', async () => {
    // hardened calls its tools over HTTP: the faults of a scenario served over MCP never meet it.
    const file = config({ agent: 'hardened', scenarios: ['dropped-ack', 'mcp-dropped-ack'], seeds: 1, trials: 1 });
    const { code, out } = await gate('--config', file, '--update-baseline');
    expect(code).toBe(0);
    expect(out).toContain('mean pass^1 1.000 over 1 scenario(s); n/a, no fault of theirs struck it: mcp-dropped-ack');
    // A suite that tested nothing at all neither passes nor writes a baseline.
    const untested = config({ agent: 'hardened', scenarios: ['mcp-dropped-ack'], seeds: 1, trials: 1 });
    const reports = outDir();
    const nothing = await gate('--config', untested, '--update-baseline', '--reporter', 'md', '--out', reports);
    expect(nothing).toMatchObject({ code: 1, out: expect.stringContaining('gate: FAILED — nothing was tested: no fault of any of the 1 scenario(s) struck hardened') });
    expect(() => readFileSync(join(untested, '..', 'baseline.json'))).toThrow();
    // Its summary says so too, not "every check held".
    expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toMatch(/^## ❌ gate: FAILED — nothing was tested/);
  });

  it("--reporter writes the suite's reports, with pass^k, beside the verdict", async () => {
    const file = config({ agent: 'hardened' });
    await gate('--config', file, '--update-baseline');
    const out = outDir();
    const { code, out: printed } = await gate('--config', file, '--reporter', 'junit,md', '--out', out);
    expect(code).toBe(0);
    expect(printed).toContain(`reports: ${join(out, 'summary.md')}, ${join(out, 'junit.xml')}, ${join(out, 'results.json')}`);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.runs).toHaveLength(8);
    expect(results.passK.map((p: { scenario: string; k: number }) => `${p.scenario}:${p.k}`)).toEqual(['dropped-ack:2', 'string-coercion:2']);
    expect((readFileSync(join(out, 'junit.xml'), 'utf8').match(/<testcase /g) ?? []).length).toBe(8);
  });

  it('fails a regressed runtime, naming each scenario, the failing check and the replay command', async () => {
    const file = config({ agent: 'hardened' });
    await gate('--config', file, '--update-baseline');
    // A second config beside the first (an imported module is cached), sharing its baseline.
    const naive = join(file, '..', 'naive.config.mjs');
    writeFileSync(naive, readFileSync(file, 'utf8').replace('"agent":"hardened"', '"agent":"naive"'));
    const { code, out } = await gate('--config', naive);
    expect(code).toBe(1);
    expect(out).toContain('note: the baseline was written for hardened, this run is naive');
    expect(out).toMatch(/REGRESSED dropped-ack seed 1 trial 1: exactly-once — .+\n {2}replay: npx faultline run --scenario dropped-ack --agent naive --seed 1\n/);
    expect(out).toMatch(/REGRESSED string-coercion seed 2 trial 2: valid-arguments — .+\n {2}replay: npx faultline run --scenario string-coercion --agent naive --seed 2 --trial 2/);
    expect(out).toMatch(/REGRESSED dropped-ack: pass\^2 = 0, below the baseline's lower bound 0\.\d+/);
    expect(out).toMatch(/gate: FAILED — 10 regression\(s\) in 2 scenario\(s\): dropped-ack, string-coercion/);
  });

  it('writes reports shaped like the decision: the verdict first, regressions with their replay, and a junit in which only regressions fail', async () => {
    const file = config({ agent: 'hardened' });
    await gate('--config', file, '--update-baseline');
    const naive = join(file, '..', 'naive.config.mjs');
    writeFileSync(naive, readFileSync(file, 'utf8').replace('"agent":"hardened"', '"agent":"naive"'));
    const out = outDir();
    expect((await gate('--config', naive, '--reporter', 'junit,md', '--out', out)).code).toBe(1);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^## ❌ gate: FAILED — 10 regression\(s\) in 2 scenario\(s\)/);
    expect(summary).toMatch(/### Regressions \(10\)\n\n- ❌ \*\*dropped-ack\*\* seed 1 trial 1 — `exactly-once`: .+<br>replay: `npx faultline run --scenario dropped-ack --agent naive --seed 1`/);
    expect(summary).toContain('- ❌ **dropped-ack** pass^2 — `pass^k`: pass^2 = 0, below the baseline');
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="faultline" tests="10" failures="10" errors="0" skipped="0"/);
    expect(junit).toContain('<testcase classname="faultline.dropped-ack" name="pass^2" time="0.000">');
  });

  it('against a baseline that already failed, passes, and reports those failures as known: folded in the summary, skipped in junit', async () => {
    const file = config({ agent: 'naive' });
    await gate('--config', file, '--update-baseline');
    const out = outDir();
    expect((await gate('--config', file, '--reporter', 'junit,md', '--out', out)).code).toBe(0);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^## ✅ gate: passed — no regression/);
    expect(summary).not.toContain('### Regressions');
    expect(summary).toContain('<details><summary>Known failures (8): not regressions</summary>');
    expect(summary).toMatch(/- \*\*dropped-ack \/ naive \/ seed 1\*\* — exactly-once failed in the baseline too/);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testsuites name="faultline" tests="8" failures="0" errors="0" skipped="8"/);
  });

  it('never counts a failure the config accepts as a regression, and says why', async () => {
    const file = config({ agent: 'hardened', scenarios: ['string-coercion'] });
    await gate('--config', file, '--update-baseline');
    const accepting = join(file, '..', 'accepting.config.mjs');
    const accept = [
      { scenario: 'string-coercion', check: 'valid-arguments', reason: 'the legacy calculator is being retired' },
      { scenario: 'string-coercion', check: 'known-answer', reason: 'follows from it' },
      { scenario: 'string-coercion', check: 'goal', reason: 'follows from it' },
    ];
    writeFileSync(accepting, `export default ${JSON.stringify({ agent: 'naive', scenarios: ['string-coercion'], seeds: 2, trials: 2, baseline: 'baseline.json', accept })};\n`);
    const out = outDir();
    const { code, out: printed } = await gate('--config', accepting, '--reporter', 'md', '--out', out);
    expect(printed).not.toContain('REGRESSED string-coercion seed');
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('accepted: valid-arguments (the legacy calculator is being retired)');
    // Accepting a check accepts its runs: they do not lower pass^k either.
    expect(printed).not.toContain('REGRESSED');
    expect(code).toBe(0);
    writeFileSync(
      accepting,
      `export default ${JSON.stringify({ agent: 'naive', scenarios: ['string-coercion'], baseline: 'baseline.json', accept: [{ scenario: 'string-coercion', check: 'valid_arguments', reason: 'x' }] })};\n`.replace('naive', 'hardened'),
    );
    const other = join(file, '..', 'other.config.mjs');
    writeFileSync(other, readFileSync(accepting, 'utf8'));
    await expect(gateCommand(['--config', other])).rejects.toThrow(/other\.config\.mjs: accept\.0\.check: unknown checker "valid_arguments"; known: /);
  });

  it('refuses, before running anything, a missing baseline, one that is not JSON, and one of another format', async () => {
    const file = config({ agent: 'hardened' });
    await expect(gateCommand(['--config', file])).rejects.toThrow(/baseline.json: no baseline. Create it with faultline gate --update-baseline/);
    writeFileSync(join(file, '..', 'baseline.json'), '{"format": "faultline.baseline/1", "scen');
    await expect(gateCommand(['--config', file])).rejects.toThrow(/baseline.json: not JSON/);
    writeFileSync(join(file, '..', 'baseline.json'), '{"format": "faultline.baseline/0"}');
    await expect(gateCommand(['--config', file])).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/format "faultline.baseline\/0", expected "faultline.baseline\/1"/) });
  });

  it('refuses a config that is missing, malformed or names an unknown scenario or agent', async () => {
    await expect(gateCommand(['--config', '/nonexistent/faultline.config.ts'])).rejects.toThrow(/no such file/);
    await expect(gateCommand(['--config', config({ agent: 'hardened', seeds: 0, trials: 'x' })])).rejects.toThrow(/seeds: .*; trials: /);
    await expect(gateCommand(['--config', config({ agent: 'hardened', scenarios: ['no-such-scenario'] }), '--update-baseline'])).rejects.toThrow(/unknown scenario "no-such-scenario"/);
    await expect(gateCommand(['--config', config({ agent: 'nobody' }), '--update-baseline'])).rejects.toThrow(/unknown agent "nobody"/);
  });

  it("lints the deployment's prompt and tools, and fails on a finding even with no regression", async () => {
    const lint = { prompt: resolve('test/fixtures/lint/bad/prompt.md'), tools: resolve('test/fixtures/lint/bad/tools.ts') };
    const file = config({ agent: 'hardened', scenarios: ['string-coercion'], seeds: 1, trials: 1, lint });
    await gate('--config', file, '--update-baseline');
    const { code, out } = await gate('--config', file);
    expect(code).toBe(1);
    expect(out).toMatch(/test\/fixtures\/lint\/bad\/prompt.md:\d+: \[unknown-tool\]/);
    expect(out).toMatch(/gate: FAILED — \d+ lint finding\(s\) in the deployment's prompt and tools/);
    const clean = config({ agent: 'hardened', scenarios: ['string-coercion'], seeds: 1, trials: 1, lint: { prompt: resolve('evals/deployment/system-prompt.md'), tools: resolve('evals/deployment/tools.ts') } });
    await gate('--config', clean, '--update-baseline');
    expect(await gate('--config', clean)).toMatchObject({ code: 0, out: expect.stringContaining('no lint finding') });
  });
});

describe('faultline gate: inputs checked before anything runs', () => {
  const refusal = (file: string, ...args: string[]) => gateCommand(['--config', file, ...args]).catch((e: unknown) => e);

  it('refuses a baseline that lists no scenario, which any agent would pass', async () => {
    const file = config({ agent: 'hardened' });
    writeFileSync(join(file, '..', 'baseline.json'), JSON.stringify({ format: 'faultline.baseline/1', agent: 'hardened', seeds: 2, trials: 2, scenarios: {} }));
    expect(await refusal(file)).toMatchObject({ exitCode: 2, message: expect.stringContaining('baseline.json: scenarios: lists no scenario, so any agent would pass against it; rewrite it with faultline gate --update-baseline') });
  });

  it('refuses a baseline written with other trials: pass^k of another k would compare nothing, and pass', async () => {
    const file = config({ agent: 'hardened', trials: 3 });
    writeFileSync(
      join(file, '..', 'baseline.json'),
      JSON.stringify({ format: 'faultline.baseline/1', agent: 'hardened', seeds: 2, trials: 2, scenarios: { 'dropped-ack': { passK: { k: 2, runs: 2, passed: 2, passK: 1, ci: [0.34, 1] }, runs: { s1t1: 'pass' } } } }),
    );
    expect(await refusal(file)).toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/baseline\.json: written with trials 2, and .*faultline\.config\.mjs asks for trials 3: pass\^3 cannot be compared with pass\^2\. Write the baseline again/),
    });
  });

  it('refuses a config whose suite has no runs, a scenario listed twice, and a wallTimeoutMs no timer holds', async () => {
    expect(await refusal(config({ agent: 'hardened', scenarios: [] }), '--update-baseline')).toMatchObject({ exitCode: 2, message: expect.stringContaining('scenarios: lists no scenario, so the gate would run nothing and pass') });
    expect(await refusal(config({ agent: 'hardened', scenarios: ['dropped-ack', 'dropped-ack'] }), '--update-baseline')).toMatchObject({
      message: expect.stringMatching(/faultline\.config\.mjs: scenarios: "dropped-ack" is given twice; give each once$/),
    });
    expect(await refusal(config({ agent: 'hardened', wallTimeoutMs: 2 ** 31 }), '--update-baseline')).toMatchObject({ message: expect.stringContaining('wallTimeoutMs: at most 2147483647 ms, the largest delay a timer can hold') });
    expect(await gate('--config', config({ agent: 'hardened', scenarios: ['dropped-ack'], seeds: 1, trials: 1, wallTimeoutMs: 2 ** 31 - 1 }), '--update-baseline')).toMatchObject({ code: 0 });
  });

  it('refuses a bad --out when it writes reports, before any run', async () => {
    const file = config({ agent: 'hardened' });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await refusal(file, '--update-baseline', '--reporter', 'md', '--out', '')).toMatchObject({ exitCode: 2, message: expect.stringContaining('--out: the path is empty') });
    expect(await refusal(file, '--update-baseline', '--reporter', 'md', '--out', '.')).toMatchObject({ message: expect.stringContaining('--out .: is the current folder') });
    expect(log).not.toHaveBeenCalled();
  });

  it('fails when the suite returns fewer records than the runs it asked for, naming how many are missing', async () => {
    const file = config({ agent: 'hardened' });
    await gate('--config', file, '--update-baseline');
    const before = readFileSync(join(file, '..', 'baseline.json'), 'utf8');
    suite.drop = 3;
    const { code, out } = await gate('--config', file);
    expect(code).toBe(1);
    expect(out).toContain('gate: FAILED — 3 of 8 run(s) missing: the suite judged nothing for them (first: string-coercion seed 1 trial 2); nothing was compared');
    suite.drop = 8;
    expect(await gate('--config', file)).toMatchObject({ code: 1, out: expect.stringContaining('gate: FAILED — 8 of 8 run(s) missing') });
    suite.drop = 3;
    expect(await gate('--config', file, '--update-baseline')).toMatchObject({
      code: 1,
      out: expect.stringContaining('3 of 8 run(s) missing: the suite judged nothing for them (first: string-coercion seed 1 trial 2); the baseline was not written'),
    });
    expect(readFileSync(join(file, '..', 'baseline.json'), 'utf8')).toBe(before);
  });

  it("resolves every path in the config from the config's folder, naming each from the current folder", async () => {
    // ./ci/faultline.config.mjs names ../lib/agent.mjs and ../lib/first.mjs; the gate runs from the folder above ci/.
    const root = outDir();
    for (const dir of ['ci', 'lib']) mkdirSync(join(root, dir));
    const reexport = (to: string) => `export { default } from ${JSON.stringify(pathToFileURL(resolve(to)).href)};\n`;
    writeFileSync(join(root, 'lib', 'agent.mjs'), reexport('test/fixtures/agents/wrapped.ts'));
    writeFileSync(join(root, 'lib', 'first.mjs'), reexport('test/fixtures/scenarios/first-scenario.ts'));
    const fields = { agent: '../lib/agent.mjs', scenarios: ['../lib/first.mjs', 'dropped-ack'], seeds: 1, trials: 1, baseline: 'baseline.json' };
    writeFileSync(join(root, 'ci', 'faultline.config.mjs'), `export default ${JSON.stringify(fields)};\n`);
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const written = await gate('--config', 'ci/faultline.config.mjs', '--update-baseline');
      expect(written).toMatchObject({ code: 0, out: expect.stringContaining('faultline gate: lib/agent.mjs over 2 scenario(s) × 1 seed(s) × 1 trial(s) = 2 runs') });
      expect(written.out).toContain('baseline written to ci/baseline.json');
      const baseline = JSON.parse(readFileSync(join(root, 'ci', 'baseline.json'), 'utf8'));
      expect(baseline).toMatchObject({ agent: '../lib/agent.mjs', scenarios: { 'first-lost-reply': { runs: { s1t1: 'pass' } }, 'dropped-ack': { runs: { s1t1: 'pass' } } } });
      expect(await gate('--config', 'ci/faultline.config.mjs')).toMatchObject({ code: 0, out: expect.stringContaining('gate: passed — no regression against ci/baseline.json') });
    } finally {
      process.chdir(cwd);
    }
  });
});
