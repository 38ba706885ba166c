import { parseArgs } from 'node:util';
import { checkers } from '../../evals/checkers/index.ts';
import { loadCatalogue } from '../../scenarios/index.ts';
import { BUNDLED_AGENT_NAMES } from '../agents/names.ts';
import { apiFaults, toolFaults } from '../faults/index.ts';
import { personas } from '../model/personas.ts';

/** `faultline list [--json]`: what the catalogue holds. */
export async function listCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean' } }, strict: true });
  if (values.help) return (console.log('faultline list [--json] — scenarios, faults, checkers, personas and agents'), 0);
  const data = {
    scenarios: [...loadCatalogue().values()].map((s) => ({ id: s.id, title: s.title, source: `${s.source.seed} ${s.source.case}`, checks: s.checks })),
    faults: [...Object.values(toolFaults), ...Object.values(apiFaults)].map((f) => ({ id: f.name, description: f.description })),
    checkers: Object.values(checkers).map((c) => ({ id: c.id, description: c.description })),
    personas: Object.values(personas).map((p) => ({ id: p.name, description: p.description })),
    agents: BUNDLED_AGENT_NAMES.map((id) => ({ id })),
  };
  if (values.json) return (console.log(JSON.stringify(data, null, 2)), 0);
  for (const [section, rows] of Object.entries(data)) {
    console.log(`${section}:`);
    for (const row of rows as Array<Record<string, unknown>>)
      console.log(
        `  ${String(row.id).padEnd(22)} ${Object.entries(row)
          .filter(([k]) => k !== 'id')
          .map(([, v]) => (Array.isArray(v) ? v.join(', ') : v))
          .join(' — ')}`,
      );
  }
  return 0;
}
