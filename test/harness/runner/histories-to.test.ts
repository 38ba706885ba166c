import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeRecords } from '../../../reports/json.ts';
import { digest } from '../../../harness/history.ts';
import { runIsolated } from '../../../harness/runner/supervisor.ts';
import { catalogue } from '../../helpers.ts';

const out = mkdtempSync(join(tmpdir(), 'faultline-histories-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('runIsolated with historiesTo: workers write the histories', () => {
  it('sends back records without history text, stored as the main thread would have stored them', async () => {
    // The last agent replies with a token no one registered: its history is one that redaction changes.
    const agents = ['naive', 'ai-sdk', 'test/fixtures/agents/leaks-token.mjs'];
    const requests = ['confused-deputy', 'dropped-ack'].flatMap((scenario) => agents.map((agent) => ({ scenario, agent, seed: 2, trial: 1 })));
    const [whole, stored] = [await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000, concurrency: 1 }), await runIsolated(requests, catalogue, { wallTimeoutMs: 20_000, concurrency: 1, historiesTo: out })];
    const expected = storeRecords(whole);
    const got = storeRecords(stored);
    expect(stored.every((r) => r.history === '' && r.historyFile !== undefined)).toBe(true);
    expect(got.histories.size).toBe(0);
    const withoutWall = (runs: typeof got.results.runs) => JSON.stringify(runs.map((r) => ({ ...r, metrics: { ...r.metrics, wallMs: 0 } })));
    expect(withoutWall(got.results.runs)).toBe(withoutWall(expected.results.runs));
    expect(whole.filter((r) => r.history.includes('ghp_'))).toHaveLength(2);
    for (const run of expected.results.runs) {
      const text = readFileSync(join(out, run.historyFile), 'utf8');
      expect(text).toBe(expected.histories.get(run)?.text);
      expect(digest(text)).toBe(run.historyDigest);
      expect(text).not.toContain('ghp_');
    }
  });
});
