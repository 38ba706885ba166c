import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../harness/cli/main.ts';
import { LIVE_CONCURRENCY } from '../../../harness/cli/model-flags.ts';
import { outDir } from '../cli/helpers.ts';
import { standInPerTest } from './stand-in.ts';

// Several live runs in flight at once, against a stand-in API on 127.0.0.1 (no network here).
const SCENARIO = 'test/fixtures/scenarios/live-order.ts';

const { live } = standInPerTest();

/** `faultline run --model live …` in this process: its exit code, and what it printed. */
async function runLive(...args: string[]) {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
  try {
    return { code: await main(['run', '--model', 'live', '--scenario', SCENARIO, '--cassettes', outDir(), '--reporter', 'md', ...args]), out: out.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('live runs in flight at once', () => {
  it(`runs several at once by default (${LIVE_CONCURRENCY}), and a 429 one of them meets holds every lane for its retry-after`, async () => {
    expect(LIVE_CONCURRENCY).toBeGreaterThan(1);
    // Every answer takes 700 ms, so runs whose workers start a second apart still overlap.
    const server = await live({ rateLimited: 1, slowMs: 700 });
    const { code, out } = await runLive('--agent', 'naive,hardened', '--out', outDir());
    expect(out).toContain('2 runs');
    expect(code).toBe(0);
    expect(server.peakInFlight()).toBeGreaterThan(1);
    // One 429 (retry-after 1 s): requests sent before the pause was set arrive at once; every
    // other lane's request waits it out, so none arrives until the second is over.
    const [limitedAt] = server.rateLimitedAt as [number];
    expect(server.arrivals.filter((t) => t > limitedAt + 200 && t < limitedAt + 950)).toEqual([]);
    expect(server.arrivals.some((t) => t >= limitedAt + 950)).toBe(true);
  });

  it('holds the hard budget across concurrent runs: never more committed than the limit, the rest stopped for budget, not crashed', async () => {
    // Each request reserves its worst case, 1 200 to 1 300 tokens, and is billed 720: 4 000 tokens
    // admit two or three at first, fewer as the bill grows, and none after some four requests of
    // the 8. Two lanes (two worker threads) are enough to share a budget, and start in half the CPU of four.
    const server = await live({ slowMs: 700, inputTokens: 700 });
    const out = outDir();
    const limit = 4_000;
    const { code, out: printed } = await runLive('--agent', 'naive,hardened', '--seeds', '2', '--out', out, '--max-tokens', String(limit), '--concurrency', '2');
    expect(code).toBe(1);
    expect(server.peakCommitted()).toBeLessThanOrEqual(limit);
    expect(server.peakInFlight()).toBeGreaterThan(1);
    expect(printed).toContain(`live: ${server.billed()} tokens`);
    expect(server.billed()).toBeLessThanOrEqual(limit);
    const runs = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs as Array<{ verdict: string }>;
    // The runs that finished are judged and pass; those cut short or never started are counted, not failed.
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r) => r.verdict === 'pass')).toBe(true);
    const cut = /budget reached: the suite stopped after (\d+) of 4 runs; (\d+) run\(s\) cut short are left out of the results and keep their previous cassettes, (\d+) were not started/.exec(printed);
    expect(cut?.slice(1).map(Number)).toEqual([runs.length, expect.any(Number), expect.any(Number)]);
    expect(Number(cut?.[2]) + Number(cut?.[3])).toBe(4 - runs.length);
    expect(printed).not.toMatch(/uncaught|worker running it died|could not run/);
  });
});
