import { defaults } from '../scenarios/define.ts';
import type { Scenario } from '../scenarios/schema.ts';

const everyScenario = new Set<string>(defaults.checks);

export const TABLE_START = '<!-- catalogue-table:start -->';
export const TABLE_END = '<!-- catalogue-table:end -->';

type Verdicts = Array<{ scenario: string; agent: string; verdict: string; checks?: ReadonlyArray<{ id: string; verdict: string }> }>;

/** A cell's text when no run of it had its primary check judged (its faults never struck: an HTTP agent in a scenario served over MCP). */
export const NOT_JUDGED_CELL = 'n/a';

/**
 * The catalogue as a Markdown table: each scenario, what goes wrong, the checks that judge it (the
 * one it exists for first, in bold; those every scenario gets, `defaults.checks`, left to the text
 * above the table), its source, and per runtime the runs that passed every check (`n/a` when no
 * run of the runtime had anything for the scenario's primary check to judge and none failed).
 */
export function catalogueTable(scenarios: Scenario[], runs: Verdicts, agents: string[]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const rate = (scenario: Scenario, agent: string) => {
    const mine = runs.filter((r) => r.scenario === scenario.id && r.agent === agent);
    // A run whose premise never happened is no pass: a column of them says so instead of 20/20.
    const judged = mine.filter((r) => r.checks?.find((c) => c.id === scenario.primaryCheck)?.verdict !== 'not-applicable');
    if (mine.length && !judged.length && mine.every((r) => r.verdict === 'pass')) return NOT_JUDGED_CELL;
    return mine.length ? `${mine.filter((r) => r.verdict === 'pass').length}/${mine.length}` : '–';
  };
  const rows = [...scenarios]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => {
      const checks = [`**${s.primaryCheck}**`, ...s.checks.filter((c) => c !== s.primaryCheck && !everyScenario.has(c))].map((c) => (c.startsWith('**') ? c.replace(/\*\*(.*)\*\*/, '**`$1`**') : `\`${c}\``));
      const source = /^\d{3}$/.test(s.source.seed) ? `seed ${s.source.seed}, ${s.source.case}` : `${s.source.seed}: ${s.source.case}`;
      return `| \`${s.id}\` | ${cell(s.title)} | ${checks.join(', ')} | ${cell(source)} | ${agents.map((a) => rate(s, a)).join(' | ')} |`;
    });
  return [`| scenario | what goes wrong | checks (the one it exists for first) | source | ${agents.join(' | ')} |`, `|---|---|---|---|${agents.map(() => '---:|').join('')}`, ...rows].join('\n');
}

/** Puts `table` between the markers in `document`; throws when the markers are missing or out of order. */
export function replaceTable(document: string, table: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start === -1 || end < start) throw new Error(`the markers ${TABLE_START} and ${TABLE_END} must both be present, in that order`);
  return `${document.slice(0, start + TABLE_START.length)}\n${table}\n${document.slice(end)}`;
}
