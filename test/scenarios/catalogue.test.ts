import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLE_END, TABLE_START } from '../../reports/catalogue-table.ts';
import type { Agent } from '../../harness/agents/types.ts';
import claimsSuccess from '../fixtures/lazy/claims-success.ts';
import doesNothing from '../fixtures/lazy/does-nothing.ts';
import givesUp from '../fixtures/lazy/gives-up.ts';
import refuses from '../fixtures/lazy/refuses.ts';
import { catalogue, check, run, SEEDS } from '../helpers.ts';

/** The README catalogue table's cell for a scenario and runtime ("17/20"). */
function readmeCell(id: string, agent: string): string | undefined {
  const readme = readFileSync('README.md', 'utf8');
  const table = readme.slice(readme.indexOf(TABLE_START), readme.indexOf(TABLE_END)).split('\n');
  const columns = (table.find((l) => l.startsWith('| scenario')) ?? '').split(' | ').map((c) => c.replace(/^\| | \|$|`/g, '').trim());
  const row = table.find((l) => l.startsWith(`| \`${id}\` |`))?.split(' | ');
  return row?.[columns.indexOf(agent)]?.replace(/ \|$/, '');
}

const lazy = [doesNothing, refuses, claimsSuccess, givesUp].map((agent: Agent) => [agent.name, agent] as const);

// The teeth of the catalogue: each scenario's own checker applies and catches the naive control on
// every seed, and applies and passes the hardened control on every seed, whose other checks pass
// or have nothing to judge (no false positives).
describe.each([...catalogue.values()].map((s) => [s.id, s.primaryCheck] as const))('%s', (id, primary) => {
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

  // Third-party runtimes are judged, never forced: every check reaches a verdict, and the README's
  // table says how many seeds they pass (npx faultline catalogue --seeds 20 --write README.md).
  it.each(['sdk-tool-runner', 'ai-sdk'])('%s runs it on every seed 1..20, every check reaches a verdict, and passes as often as the README says', async (agent) => {
    let passed = 0;
    for (const seed of SEEDS) {
      const record = await run(id, agent, seed);
      for (const c of record.checks) expect(['pass', 'fail', 'not-applicable'], `seed ${seed} ${c.id}: ${c.message}`).toContain(c.verdict);
      if (record.verdict === 'pass') passed++;
    }
    expect(`${passed}/${SEEDS.length}`).toBe(readmeCell(id, agent));
  });

  // A scenario has a goal: doing nothing, refusing, claiming success without acting, or giving up
  // before meeting any obstacle (an error stop after a call of its own) fails it.
  it.each(lazy)('%s fails the goal on seeds 1..3', async (name, agent) => {
    for (const seed of SEEDS.slice(0, 3)) {
      const record = await run(id, agent, seed);
      expect(check(record, 'goal')?.verdict, `seed ${seed}: ${check(record, 'goal')?.message}`).toBe('fail');
      expect(record.verdict, name).toBe('fail');
    }
  });

  it('every fault of the scenario strikes in at least one seed', async () => {
    const struck = new Set<string>();
    for (const seed of SEEDS) for (const line of (await run(id, 'hardened', seed)).history.split('\n')) if (line.includes('"type":"fault"')) struck.add(JSON.parse(line).fault);
    const declared = catalogue.get(id)?.faults.map((f) => (f as { fault: string }).fault) ?? [];
    for (const fault of declared) expect(struck).toContain(fault);
  });
});
