import { describe, expect, it } from 'vitest';
import { catalogue, check, run, SEEDS } from '../helpers.ts';

// The teeth of the catalogue: each scenario's own checker catches the naive control on every
// seed, and the hardened control passes every checker on every seed (no false positives).
describe.each([...catalogue.values()].map((s) => [s.id, s.primaryCheck] as const))('%s', (id, primary) => {
  it(`naive fails ${primary} on every seed 1..20`, async () => {
    for (const seed of SEEDS) {
      const record = await run(id, 'naive', seed);
      expect(check(record, primary)?.verdict, `seed ${seed}: ${check(record, primary)?.message}`).toBe('fail');
      expect(record.verdict).toBe('fail');
    }
  });

  it('hardened passes every check on every seed 1..20', async () => {
    for (const seed of SEEDS) {
      const record = await run(id, 'hardened', seed);
      for (const c of record.checks) expect(c.verdict, `seed ${seed} ${c.id}: ${c.message}`).toBe('pass');
    }
  });

  // Third-party runtimes are judged, never forced: only that every check reaches a verdict.
  it.each(['sdk-tool-runner', 'ai-sdk'])('%s runs it and every check reaches pass or fail', async (agent) => {
    for (const seed of SEEDS.slice(0, 5)) {
      const record = await run(id, agent, seed);
      for (const c of record.checks) expect(['pass', 'fail'], `seed ${seed} ${c.id}: ${c.message}`).toContain(c.verdict);
    }
  });

  it('every fault of the scenario strikes in at least one seed', async () => {
    const struck = new Set<string>();
    for (const seed of SEEDS) for (const line of (await run(id, 'hardened', seed)).history.split('\n')) if (line.includes('"type":"fault"')) struck.add(JSON.parse(line).fault);
    const declared = catalogue.get(id)?.faults.map((f) => (f as { fault: string }).fault) ?? [];
    for (const fault of declared) expect(struck).toContain(fault);
  });
});
