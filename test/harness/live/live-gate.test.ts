import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildBaseline } from '../../../evals/baseline.ts';
import { replayBlockNote } from '../../../harness/cli/gate-model.ts';
import { main } from '../../../harness/cli/main.ts';
import type { Config } from '../../../harness/config.ts';
import type { ModelMode } from '../../../harness/live/session.ts';
import { outDir } from '../cli/helpers.ts';
import { LIVE_KEY, standInPerTest } from './stand-in.ts';

// The gate with the real model, against a stand-in API on 127.0.0.1 (no network here).
const SCENARIO = resolve('test/fixtures/scenarios/live-order.ts');

const { live, offline } = standInPerTest();
const KEY = LIVE_KEY;

/** A project folder with a config of 2 seeds × 2 trials of the live-order scenario whose replay block names `cassettes/`. */
function project(extra: Record<string, unknown> = {}) {
  const dir = outDir();
  const config = join(dir, 'faultline.config.mjs');
  writeFileSync(config, `export default ${JSON.stringify({ agent: 'hardened', scenarios: [SCENARIO], seeds: 2, trials: 2, baseline: 'baseline.json', replay: { cassettes: 'cassettes' }, ...extra })};\n`);
  return { dir, config };
}

/** `faultline gate …` in this process: its exit code and everything it printed, in order. */
async function gate(config: string, ...args: string[]) {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
  try {
    return { code: await main(['gate', '--config', config, ...args]), out: out.join('\n'), lines: out };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

describe('faultline gate --record, then --model replay', () => {
  it('records every cassette of the suite and the baseline in one command; the replay then passes against it, with no key', async () => {
    const server = await live();
    const { dir, config } = project();
    // One lane: the gate's default of several is exercised below; here a worker costs more to start than a run.
    const recorded = await gate(config, '--record', '--concurrency', '1');
    expect(recorded.out).toContain('(live model, recording every cassette to');
    expect(recorded.code).toBe(0);
    // 2 seeds × 2 trials, 2 requests each, all with the real key.
    expect(server.requests).toHaveLength(8);
    expect(readdirSync(join(dir, 'cassettes', 'live-order', 'hardened')).sort()).toEqual(['seed-1-trial-2.json', 'seed-1.json', 'seed-2-trial-2.json', 'seed-2.json']);
    // Paths as one would type them here; a config whose replay block names the cassettes replays them with a plain gate.
    expect(recorded.out).not.toContain('has no replay block');
    expect(recorded.out).toContain(`recorded 4 cassette(s) in ${relative(process.cwd(), join(dir, 'cassettes'))}/; judge from them with: npx faultline gate --config ${config}`);
    expect(recorded.out).toMatch(/baseline written to .*baseline\.json: mean pass\^2 1\.000/);
    expect(recorded.out).toContain('power: this suite (2 seed(s) × 2 trial(s), k=2) detects a drop of pass^2 from 1.000 to below 0.342 at 95 % confidence: 2 of 2 seeds failing');
    // Nothing written holds the key or the run's simulated credentials.
    for (const file of files(dir)) expect(readFileSync(file, 'utf8')).not.toMatch(new RegExp(`${KEY}|sk-ant-sim-[A-Za-z0-9]`));

    await offline();
    const replayed = await gate(config, '--model', 'replay');
    expect(replayed.out).toContain('(replaying recorded cassettes)');
    expect(replayed.out).toMatch(/gate: passed — no regression against .*baseline\.json/);
    expect(replayed.code).toBe(0);
  });

  it('fails closed when the budget runs out: the cut runs are missing, no baseline is written', async () => {
    await live();
    const { dir, config } = project({ seeds: 1 });
    // A run's two requests reserve about 1 200 and 1 300 tokens and are billed 120 each: 1 500
    // admit three requests, so one run of the two finishes and the other is cut at its second.
    const { code, out } = await gate(config, '--record', '--max-tokens', '1500', '--concurrency', '1');
    expect(code).toBe(1);
    expect(out).toContain('budget reached: the suite stopped after 1 of 2 runs; 1 run(s) cut short');
    expect(out).toMatch(/gate: FAILED — 1 of 2 run\(s\) missing: the suite judged nothing for them \(first: live-order seed 1 trial \d\); the baseline was not written/);
    expect(existsSync(join(dir, 'baseline.json'))).toBe(false);
  });
});

describe('faultline gate --model live', () => {
  it('judges each scenario on pass^k: a run that flipped is noted, not a regression; what the suite detects is printed before any request', async () => {
    const { dir, config } = project();
    // A baseline where every run passed; the stand-in now orders the wrong quantity in one conversation.
    const runs = [1, 2].flatMap((seed) => [1, 2].map((trial) => ({ scenario: 'live-order', seed, trial, verdict: 'pass' as const, checks: [], replay: '' })));
    writeFileSync(join(dir, 'baseline.json'), JSON.stringify(buildBaseline(runs, { agent: 'hardened', seeds: 2, trials: 2 })));
    const server = await live({ wrongFirst: 1, slowMs: 700 });
    // The live default: four runs in flight.
    const { code, out, lines } = await gate(config, '--model', 'live', '--detect', '0.2');
    expect(server.peakInFlight()).toBeGreaterThan(1);
    expect(out).toContain('(live model, judged on pass^k)');
    expect(out).toMatch(/note: 1 run\(s\) fail a check they did not fail in the baseline \(live-order s\dt\d \(exactly-once\)\); with the live model each run is a sample/);
    expect(out).toMatch(/gate: passed — no regression/);
    expect(code).toBe(0);
    const power = lines.findIndex((l) => l.startsWith('power: this suite (2 seed(s) × 2 trial(s), k=2) detects a drop of pass^2 from 1.000 to below 0.342'));
    expect(power).toBeGreaterThan(-1);
    expect(lines[power + 1]).toBe('  warning: too small to detect a drop of 0.2 (it detects 1.000): to detect a drop of 0.2 you need ≥ 16 seeds; ≥ 27 to catch a true drop of 0.2 in 80 % of suites; this suite has 2');
    expect(power).toBeLessThan(lines.findIndex((l) => l.startsWith('live: ')));
    expect(server.requests).toHaveLength(8);
    // Its cassettes are written as every live run's are, where the config's replay block reads them.
    expect(readdirSync(join(dir, 'cassettes', 'live-order', 'hardened'))).toHaveLength(4);
  });

  it('refuses bad input before any request, naming the flag or field (exit 2)', async () => {
    const server = await live();
    const { config } = project();
    expect(await gate(config, '--record', '--model', 'replay')).toMatchObject({ code: 2, out: expect.stringContaining('--record runs the suite live to record it: drop --model replay, or drop --record') });
    expect(await gate(config, '--model', 'live', '--detect', '20%')).toMatchObject({ code: 2, out: expect.stringContaining('--detect: "20%" is not a drop of pass^k between 0 (exclusive) and 1; give e.g. --detect 0.2') });
    expect(await gate(project({ detect: 1.5 }).config, '--model', 'live')).toMatchObject({ code: 2, out: expect.stringContaining('detect: a drop of pass^k to detect is at most 1 (from 1 to 0), e.g. 0.2') });
    expect(await gate(project({ detect: '0.2' }).config, '--model', 'live')).toMatchObject({ code: 2, out: expect.stringMatching(/detect: a drop of pass\^k to detect: a number between 0 \(exclusive\) and 1, e\.g\. 0\.2/) });
    expect(await gate(config, '--model', 'replay', '--max-cost-usd', '1', '--update-baseline')).toMatchObject({ code: 2, out: expect.stringContaining('--max-cost-usd applies to --model live only') });
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    expect(await gate(config, '--record')).toMatchObject({ code: 2, out: expect.stringContaining('--model live needs the environment variable ANTHROPIC_API_KEY') });
    expect(server.requests).toHaveLength(0);
  });
});

describe('after --record, a config without a replay block', () => {
  it('is told what to add, or CI would judge the scripted models against the real one', () => {
    const config = { file: '/team/faultline.config.ts' } as Config;
    const mode = { kind: 'live', cassettes: '/team/evals/cassettes', modelName: 'claude-sonnet-4-5' } as ModelMode;
    expect(replayBlockNote(mode, config, 'faultline.config.ts')).toBe(
      "note: faultline.config.ts has no replay block, so a plain faultline gate runs the scripted models against this baseline; add replay: { cassettes: 'evals/cassettes', modelName: 'claude-sonnet-4-5' } to it",
    );
    expect(replayBlockNote(mode, { ...config, replay: { cassettes: 'evals/cassettes' } } as Config, 'faultline.config.ts')).toBeUndefined();
  });
});
