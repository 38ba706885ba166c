import { describe, expect, it } from 'vitest';
import { catalogue, check, run, SEEDS } from '../helpers.ts';

// The teeth of the catalogue: each scenario's own checker applies and catches the naive control on
// every seed, and applies and passes the hardened control on every seed, whose other checks pass
// or have nothing to judge (no false positives).
// A scenario served over MCP has its controls in mcp.test.ts (MCP clients); these two call tools over HTTP.
describe.each([...catalogue.values()].filter((s) => s.transport !== 'mcp').map((s) => [s.id, s.primaryCheck] as const))('%s', (id, primary) => {
  it(`naive fails ${primary} on every seed 1..20`, async () => {
    for (const seed of SEEDS) {
      const record = await run(id, 'naive', seed);
      expect(check(record, primary)?.verdict, `seed ${seed}: ${check(record, primary)?.message}`).toBe('fail');
      expect(record.verdict).toBe('fail');
    }
  });

  it(`hardened passes ${primary} and the goal on every seed 1..20, and no check fails`, async () => {
    for (const seed of SEEDS) {
      const record = await run(id, 'hardened', seed);
      for (const c of record.checks) expect(c.id === primary || c.id === 'goal' ? ['pass'] : ['pass', 'not-applicable'], `seed ${seed} ${c.id}: ${c.message}`).toContain(c.verdict);
      expect(record.verdict).toBe('pass');
    }
  });

  it('every fault of the scenario strikes in at least one seed', async () => {
    const struck = new Set<string>();
    for (const seed of SEEDS) for (const line of (await run(id, 'hardened', seed)).history.split('\n')) if (line.includes('"type":"fault"')) struck.add(JSON.parse(line).fault);
    const declared = catalogue.get(id)?.faults.map((f) => (f as { fault: string }).fault) ?? [];
    for (const fault of declared) expect(struck).toContain(fault);
  });
});
