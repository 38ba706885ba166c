import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueTable, NOT_JUDGED_CELL, replaceTable, TABLE_END, TABLE_START } from '../../reports/catalogue-table.ts';
import { loadBundledAgent } from '../../harness/agents/index.ts';
import { BUNDLED_AGENT_NAMES } from '../../harness/agents/names.ts';
import { catalogue } from '../helpers.ts';

const scenarios = [...catalogue.values()];
const AGENTS = ['naive', 'hardened', 'sdk-tool-runner', 'ai-sdk', 'langchain', 'mcp-agent'];

describe('catalogueTable', () => {
  it('counts the runs of each scenario and runtime that passed, and shows – where none ran', () => {
    const runs = [
      { scenario: 'dropped-ack', agent: 'naive', verdict: 'fail' },
      { scenario: 'dropped-ack', agent: 'naive', verdict: 'pass' },
      { scenario: 'dropped-ack', agent: 'hardened', verdict: 'pass' },
      { scenario: 'dropped-ack', agent: 'hardened', verdict: 'error' },
    ];
    const row = catalogueTable([catalogue.get('dropped-ack')!], runs, AGENTS).split('\n')[2];
    expect(row).toBe('| `dropped-ack` | An order commits but its reply is lost; the client times out | **`exactly-once`** | seed 000, failure mode 2 (retry-induced double action) | 1/2 | 1/2 | – | – | – | – |');
  });

  it('says n/a, not a pass, where no run had anything for the primary check to judge and none failed', () => {
    const unstruck = { verdict: 'pass', checks: [{ id: 'exactly-once', verdict: 'not-applicable' }] };
    const runs = [
      { scenario: 'dropped-ack', agent: 'naive', ...unstruck },
      { scenario: 'dropped-ack', agent: 'naive', ...unstruck },
      { scenario: 'dropped-ack', agent: 'hardened', ...unstruck },
      {
        scenario: 'dropped-ack',
        agent: 'hardened',
        verdict: 'fail',
        checks: [
          { id: 'exactly-once', verdict: 'not-applicable' },
          { id: 'goal', verdict: 'fail' },
        ],
      },
      { scenario: 'dropped-ack', agent: 'ai-sdk', ...unstruck },
      { scenario: 'dropped-ack', agent: 'ai-sdk', verdict: 'pass', checks: [{ id: 'exactly-once', verdict: 'pass' }] },
    ];
    const cells = catalogueTable([catalogue.get('dropped-ack')!], runs, ['naive', 'hardened', 'ai-sdk'])
      .split('\n')[2]
      ?.split(' | ')
      .slice(-3);
    expect(cells).toEqual([NOT_JUDGED_CELL, '1/2', '2/2 |']);
    // A run that errored (a checker could not judge it) is no pass either: counted, never hidden as n/a.
    const errored = {
      scenario: 'dropped-ack',
      agent: 'naive',
      verdict: 'error',
      checks: [
        { id: 'exactly-once', verdict: 'not-applicable' },
        { id: 'goal', verdict: 'unknown' },
      ],
    };
    expect(
      catalogueTable([catalogue.get('dropped-ack')!], [errored, errored], ['naive'])
        .split('\n')[2]
        ?.endsWith('| 0/2 |'),
    ).toBe(true);
  });

  it('escapes a | in a title so the row keeps its columns', () => {
    const s = { ...catalogue.get('dropped-ack')!, title: 'a | b' };
    expect(catalogueTable([s], [], ['naive']).split('\n')[2]).toContain('a \\| b');
  });
});

describe('replaceTable', () => {
  it('replaces what is between the markers and keeps the rest', () => {
    const doc = `intro\n${TABLE_START}\nold\n${TABLE_END}\noutro\n`;
    expect(replaceTable(doc, 'new')).toBe(`intro\n${TABLE_START}\nnew\n${TABLE_END}\noutro\n`);
  });

  it('refuses a document without both markers in order', () => {
    expect(() => replaceTable('no markers', 't')).toThrow(/must both be present/);
    expect(() => replaceTable(`${TABLE_END}\n${TABLE_START}`, 't')).toThrow(/in that order/);
  });
});

// The README's table is generated (npx faultline catalogue --write README.md); this catches a
// scenario, title, check or source changed without regenerating it, and rates the teeth test contradicts.
describe('the README catalogue table', () => {
  const readme = readFileSync('README.md', 'utf8');
  const block = readme.slice(readme.indexOf(TABLE_START) + TABLE_START.length, readme.indexOf(TABLE_END)).trim();
  const rows = block.split('\n').slice(2);
  const rates = (row: string) =>
    row
      .split(' | ')
      .slice(-AGENTS.length)
      .map((c) => c.replace(/ \|$/, ''));

  it('lists every scenario of the catalogue exactly as faultline renders it', () => {
    const runsFromReadme = rows.flatMap((row) => {
      const id = /^\| `([^`]+)`/.exec(row)?.[1] as string;
      return rates(row).flatMap((cell, i) => {
        if (cell === NOT_JUDGED_CELL) return [{ scenario: id, agent: AGENTS[i] as string, verdict: 'pass', checks: [{ id: catalogue.get(id)?.primaryCheck ?? '', verdict: 'not-applicable' }] }];
        const [passed, total] = cell.split('/').map(Number) as [number, number];
        return Array.from({ length: total }, (_, k) => ({ scenario: id, agent: AGENTS[i] as string, verdict: k < passed ? 'pass' : 'fail' }));
      });
    });
    expect(block).toBe(catalogueTable(scenarios, runsFromReadme, AGENTS));
    expect(rows).toHaveLength(catalogue.size);
  });

  it('has a column for every bundled runtime, as faultline catalogue runs them', async () => {
    expect(AGENTS).toEqual([...BUNDLED_AGENT_NAMES]);
    // The names the CLI knows without loading the runtimes' code are those runtimes.
    for (const name of BUNDLED_AGENT_NAMES) expect((await loadBundledAgent(name)).name).toBe(name);
  });

  it('claims what the teeth test proves: naive passes no seed, hardened every seed of 20; over MCP, neither is judged', () => {
    for (const row of rows) {
      const mcp = catalogue.get(/^\| `([^`]+)`/.exec(row)?.[1] ?? '')?.transport === 'mcp';
      expect(rates(row).slice(0, 2), row).toEqual(mcp ? [NOT_JUDGED_CELL, NOT_JUDGED_CELL] : ['0/20', '20/20']);
    }
  });
});
