import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { gateCommand } from '../../../harness/cli/gate.ts';
import { main } from '../../../harness/cli/main.ts';
import { parseHistory } from '../../../harness/history.ts';
import { inProcess, outDir } from '../cli/helpers.ts';
import { LIVE_KEY, standInPerTest } from './stand-in.ts';

// Live mode against a stand-in API on 127.0.0.1 (no network here), through ANTHROPIC_BASE_URL.
const SCENARIO = 'test/fixtures/scenarios/live-order.ts';

const { live, offline } = standInPerTest();
const KEY = LIVE_KEY;

/** `faultline run …` in this process: its exit code, and what it printed on stdout and stderr. */
async function faultline(...args: string[]) {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
  try {
    return { code: await main(['run', ...args]), out: out.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Every file under `dir`, read whole. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

// One lane unless a test is about lanes: a worker thread costs more CPU to start than these runs take
// (live-concurrency.test.ts tests the default of several).
const suite = (cassettes: string, out: string, seeds = '2') => ['--scenario', SCENARIO, '--agent', 'naive,hardened', '--seeds', seeds, '--cassettes', cassettes, '--out', out, '--reporter', 'html,md,csv,junit', '--concurrency', '1'];

describe('faultline run --model live', () => {
  it('without ANTHROPIC_API_KEY exits 2 naming the variable, before any request', async () => {
    const server = await live();
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    const { code, out } = await faultline('--model', 'live', ...suite(outDir(), outDir()));
    expect(code).toBe(2);
    expect(out).toContain('ANTHROPIC_API_KEY');
    expect(server.requests).toHaveLength(0);
  });

  it('records every exchange to a cassette with the key stripped, and the agent never holds the key', async () => {
    const server = await live();
    const [cassettes, out] = [outDir(), outDir()];
    const { code, out: printed } = await faultline('--model', 'live', ...suite(cassettes, out));
    expect(code).toBe(0);
    expect(printed).toMatch(/live: 960 tokens, \$0\.0048 spent/);
    // Two runs per agent, two requests per run: the real key on every one of them.
    expect(server.requests).toHaveLength(8);
    expect(server.requests.every((r) => r.headers['x-api-key'] === KEY)).toBe(true);
    expect(readdirSync(join(cassettes, 'live-order', 'naive')).sort()).toEqual(['seed-1.json', 'seed-2.json']);
    const cassette = JSON.parse(readFileSync(join(cassettes, 'live-order', 'hardened', 'seed-1.json'), 'utf8'));
    expect(cassette.interactions.map((i: { response: { status: number } }) => i.response.status)).toEqual([200, 200]);
    for (const text of [allText(cassettes), allText(out)]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toMatch(/sk-ant-sim-[A-Za-z0-9]/);
    }
    // A live run is stamped in wall time from its start: no event is earlier than the one before it.
    for (const file of readdirSync(join(out, 'histories'))) {
      const stamps = parseHistory(readFileSync(join(out, 'histories', file), 'utf8')).map((e) => e.t);
      expect(stamps, file).toEqual([...stamps].sort((a, b) => a - b));
    }
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.runs[0].replay).toBe(`npx faultline run --model replay --cassettes ${cassettes} --scenario ${SCENARIO} --agent naive --seed 1`);
  });

  it('runs the third-party runtimes live and replays them: ai-sdk and the SDK tool runner', async () => {
    await live();
    const cassettes = outDir();
    const args = ['--scenario', SCENARIO, '--agent', 'ai-sdk,sdk-tool-runner', '--cassettes', cassettes, '--reporter', 'md', '--concurrency', '1'];
    const recorded = await faultline('--model', 'live', ...args, '--out', outDir());
    expect(recorded.code).toBe(0);
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    const replayed = await faultline('--model', 'replay', ...args, '--out', outDir());
    expect(replayed.code).toBe(0);
    expect(replayed.out).toMatch(/live-order\s+1\/1 pass\s+1\/1 pass/);
  });

  it('keeps a request the agent gave up on in its place, so the replay gives up on it too', async () => {
    await live({ slowFirstMs: 2_500 });
    const cassettes = outDir();
    const args = ['--scenario', SCENARIO, '--agent', 'test/fixtures/agents/impatient.mjs', '--cassettes', cassettes, '--reporter', 'md'];
    const recorded = await faultline('--model', 'live', ...args, '--out', outDir());
    expect(recorded.code).toBe(0);
    const cassette = JSON.parse(readFileSync(join(cassettes, 'live-order', 'test_fixtures_agents_impatient.mjs', 'seed-1.json'), 'utf8'));
    // Sent first, timed out after 1 s, retried: the first place is the abandoned request.
    expect(cassette.interactions).toHaveLength(3);
    expect(cassette.interactions[0].response.durationMs).toBeGreaterThanOrEqual(1_000);
    expect(cassette.interactions[0].request.body).toEqual(cassette.interactions[1].request.body);
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    const out = outDir();
    expect((await faultline('--model', 'replay', ...args, '--out', out)).code).toBe(0);
    const history = readFileSync(join(out, 'histories', readdirSync(join(out, 'histories'))[0]!), 'utf8');
    expect(history.match(/"type":"model-request"/g)).toHaveLength(3);
  });

  it('refuses, before any request, a cassette folder it could not write, and budget flags on a replay', async () => {
    const server = await live();
    const file = join(outDir(), 'a-file');
    writeFileSync(file, '');
    const unwritable = await faultline('--model', 'live', ...suite(file, outDir()));
    expect(unwritable.code).toBe(2);
    expect(unwritable.out).toContain(`--cassettes ${file}: cannot write there (EEXIST); give a folder you can write to`);
    const replay = await faultline('--model', 'replay', ...suite(outDir(), outDir()), '--max-tokens', '100');
    expect(replay.code).toBe(2);
    expect(replay.out).toContain('--max-tokens applies to --model live only');
    expect(server.requests).toHaveLength(0);
  });

  it('waits out a 429 by its retry-after, so the agent never sees it', async () => {
    const server = await live({ rateLimited: 1 });
    const out = outDir();
    const { code } = await faultline('--model', 'live', ...suite(outDir(), out, '1'));
    expect(code).toBe(0);
    expect(server.requests).toHaveLength(5);
    expect(allText(join(out, 'histories'))).not.toMatch(/"status":429/);
  });

  it.each(['1', '2'])('stops cleanly at --max-tokens with %s run(s) in flight: the runs done are reported, its spend is what the API billed', async (concurrency) => {
    const server = await live();
    const [cassettes, out] = [outDir(), outDir()];
    // Each request reserves its worst case (about 1 500 tokens) and bills 120: the limit is hit by
    // reservations, so the runs that completed must have been charged what they used, not reserved.
    const { code, out: printed } = await faultline('--model', 'live', ...suite(cassettes, out, '4'), '--max-tokens', '2000', '--concurrency', concurrency);
    expect(code).toBe(1);
    // What the suite says it spent is what the API billed.
    expect(printed).toContain(`live: ${server.billed()} tokens`);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const completed = results.runs.length;
    expect(completed).toBeGreaterThan(0);
    expect(completed).toBeLessThan(8);
    const cut = new RegExp(`budget reached: the suite stopped after ${completed} of 8 runs; (\\d+) run\\(s\\) cut short`).exec(printed);
    expect(Number(cut?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(cut?.[1])).toBeLessThanOrEqual(Number(concurrency));
    // Only completed runs leave a cassette.
    expect(readdirSync(cassettes, { recursive: true }).filter((f) => String(f).endsWith('.json'))).toHaveLength(completed);
  });
});

describe('faultline run --model replay', () => {
  // The suite is recorded once; each test replays its own copy (some edit it), with no stand-in and no key.
  let recording: Promise<string> | undefined;
  async function recorded() {
    recording ??= (async () => {
      await live();
      const cassettes = outDir();
      expect((await faultline('--model', 'live', ...suite(cassettes, outDir()))).code).toBe(0);
      await offline();
      return cassettes;
    })();
    const copy = outDir();
    cpSync(await recording, copy, { recursive: true });
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    return copy;
  }

  it('serves the recording in virtual time, with no network and no key, byte-identical each time', async () => {
    const cassettes = await recorded();
    const [first, second] = [outDir(), outDir()];
    expect((await faultline('--model', 'replay', ...suite(cassettes, first))).code).toBe(0);
    expect((await faultline('--model', 'replay', ...suite(cassettes, second))).code).toBe(0);
    const histories = (dir: string) =>
      readdirSync(join(dir, 'histories'))
        .sort()
        .map((f) => readFileSync(join(dir, 'histories', f), 'utf8'));
    expect(histories(first)).toHaveLength(4);
    expect(histories(second)).toEqual(histories(first));
    expect(JSON.parse(readFileSync(join(first, 'results.json'), 'utf8')).runs.map((r: { verdict: string }) => r.verdict)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  it('fails a run whose request differs from the recording, naming where and how to re-record', async () => {
    const cassettes = await recorded();
    const file = join(cassettes, 'live-order', 'hardened', 'seed-2.json');
    const cassette = JSON.parse(readFileSync(file, 'utf8'));
    // As if the tool had answered differently when it was recorded.
    cassette.interactions[1].request.body.messages[2].content[0].content = '{"order_id":"ord_other"}';
    writeFileSync(file, JSON.stringify(cassette));
    const out = outDir();
    const { code, out: printed } = await faultline('--model', 'replay', ...suite(cassettes, out));
    expect(code).toBe(1);
    expect(printed).toContain('cassette miss, request 2: messages[2].content[0].content differs: recorded "{\\"order_id\\":\\"ord_other\\"}", got');
    expect(printed).toContain(`re-record it with: npx faultline run --model live --cassettes ${cassettes} --scenario ${SCENARIO} --agent hardened --seed 2`);
    const runs = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs;
    expect(runs.map((r: { verdict: string }) => r.verdict)).toEqual(['pass', 'pass', 'pass', 'error']);
  });

  it('fails a run that asks for a different model than the recording did', async () => {
    const cassettes = await recorded();
    const { code, out } = await faultline('--model', 'replay', ...suite(cassettes, outDir(), '1'), '--model-name', 'claude-haiku-5');
    expect(code).toBe(1);
    expect(out).toContain('request 1: model differs: recorded "claude-sonnet-5", got "claude-haiku-5"');
  });

  it('exits 2 before running when a cassette is missing, naming the file and the command that records it', async () => {
    const cassettes = outDir();
    const { code, out } = await faultline('--model', 'replay', ...suite(cassettes, outDir(), '1'));
    expect(code).toBe(2);
    expect(out).toContain(`${join(cassettes, 'live-order', 'naive', 'seed-1.json')}: no cassette recorded for this run. Record it with: npx faultline run --model live --cassettes ${cassettes}`);
    expect(existsSync(join(cassettes, 'live-order'))).toBe(false);
  });
});

describe('faultline gate with replay in its config', () => {
  it('replays the recorded cassettes, and a changed prompt fails the gate as a cassette miss with the re-record command', async () => {
    await live();
    const dir = outDir();
    const cassettes = join(dir, 'cassettes');
    expect((await faultline('--model', 'live', '--scenario', SCENARIO, '--agent', 'hardened', '--seeds', '2', '--cassettes', cassettes, '--out', outDir(), '--concurrency', '1')).code).toBe(0);
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    const config = join(dir, 'faultline.config.mjs');
    writeFileSync(config, `export default ${JSON.stringify({ agent: 'hardened', scenarios: [resolve(SCENARIO)], seeds: 2, trials: 1, baseline: 'baseline.json', replay: { cassettes: 'cassettes' } })};\n`);
    const gate = (...args: string[]) => inProcess(gateCommand, ['--config', config, ...args]);
    expect(await gate('--update-baseline')).toMatchObject({ code: 0 });
    expect(await gate()).toMatchObject({ code: 0, out: expect.stringContaining('faultline gate: hardened (replaying recorded cassettes) over 1 scenario(s)') });

    // The deployment's prompt changed after the recording: the recording no longer answers it.
    const file = join(cassettes, 'live-order', 'hardened', 'seed-2.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Report the order id when done.', 'Report the order id and its total when done.'));
    const { code, out } = await gate();
    expect(code).toBe(1);
    expect(out).toMatch(/REGRESSED live-order seed 2 trial 1: exactly-once — not judged: cassette miss, request 1: system differs: recorded ".*its total when done\.", got ".*Report the order id when done\."/);
    expect(out).toContain('re-record it with: npx faultline run --model live');
  });
});
