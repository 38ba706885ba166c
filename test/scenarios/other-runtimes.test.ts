import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Agent } from '../../harness/agents/types.ts';
import { catalogueTable, TABLE_END, TABLE_START } from '../../reports/catalogue-table.ts';
import claimsSuccess from '../fixtures/lazy/claims-success.ts';
import doesNothing from '../fixtures/lazy/does-nothing.ts';
import givesUp from '../fixtures/lazy/gives-up.ts';
import refuses from '../fixtures/lazy/refuses.ts';
import { catalogue, check, run, SEEDS } from '../helpers.ts';

// The catalogue beyond its two controls (catalogue.test.ts): the third-party runtimes as the
// README's table reports them, and agents that do nothing useful, which every scenario must fail.

/** The README catalogue table's cell for a scenario and runtime ("17/20"). */
function readmeCell(id: string, agent: string): string | undefined {
  const readme = readFileSync('README.md', 'utf8');
  const table = readme.slice(readme.indexOf(TABLE_START), readme.indexOf(TABLE_END)).split('\n');
  const columns = (table.find((l) => l.startsWith('| scenario')) ?? '').split(' | ').map((c) => c.replace(/^\| | \|$|`/g, '').trim());
  const row = table.find((l) => l.startsWith(`| \`${id}\` |`))?.split(' | ');
  return row?.[columns.indexOf(agent)]?.replace(/ \|$/, '');
}

const lazy = [doesNothing, refuses, claimsSuccess, givesUp].map((agent: Agent) => [agent.name, agent] as const);

describe.each([...catalogue.keys()])('%s', (id) => {
  // Third-party runtimes are judged, never forced: every check reaches a verdict, and the README's
  // table says how many seeds they pass (npx faultline catalogue --seeds 20 --write README.md).
  it.each(['sdk-tool-runner', 'ai-sdk', 'langchain', 'mcp-agent'])('%s runs it on every seed 1..20, every check reaches a verdict, and passes as often as the README says', async (agent) => {
    const records = [];
    for (const seed of SEEDS) {
      const record = await run(id, agent, seed);
      for (const c of record.checks) expect(['pass', 'fail', 'not-applicable'], `seed ${seed} ${c.id}: ${c.message}`).toContain(c.verdict);
      records.push(record);
    }
    const scenario = catalogue.get(id);
    expect(
      catalogueTable(scenario ? [scenario] : [], records, [agent])
        .split('\n')[2]
        ?.split(' | ')
        .at(-1)
        ?.replace(/ \|$/, ''),
    ).toBe(readmeCell(id, agent));
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
});
