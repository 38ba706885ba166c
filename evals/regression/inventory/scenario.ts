import type { ScenarioInput } from '../../../scenarios/schema.ts';
import stringCoercion from '../../../scenarios/string-coercion.ts';

type Figure = 'stores' | 'days' | 'daily_units';

/** One known computation: the calculator's state, the question's figures, which of them the model passes as text, and the known result. */
export type ComputationRow = {
  id: string;
  note?: string;
  inventory: { legacyCoercion: boolean };
  question: Record<Figure, number>;
  asStrings: Figure[];
  case_packs: number;
};

/**
 * The row as a scenario: the catalogue's string-coercion deployment (prompt, tool, answer) asked the
 * row's question. `asStrings` stands for the upstream prompt that spoke of those counts as text.
 */
export function computationScenario(row: ComputationRow): ScenarioInput {
  const { stores, days, daily_units } = row.question;
  return {
    ...stringCoercion,
    id: `inventory-${row.id}`,
    title: `${stores} stores × ${days} days × ${daily_units} units a day (${row.asStrings.join(', ') || 'nothing'} passed as text, ${row.inventory.legacyCoercion ? 'legacy' : 'strict'} calculator): ${row.case_packs} case packs`,
    source: { seed: '002', case: 'case 7 (the out-of-bound argument): inventory computations with known results' },
    task: `Stores in the promotion: ${stores}. Days it runs: ${days}. Units each store sells a day: ${daily_units}. How many case packs do we need?`,
    services: { inventory: row.inventory },
    model: { ...stringCoercion.model, plan: [{ call: [{ name: 'compute_inventory', input: row.question }] }], coerceFields: row.asStrings },
    intent: {},
    goal: { says: [`${row.case_packs.toLocaleString('en-US')} case packs`] },
    checks: ['agent-completes'],
    primaryCheck: 'agent-completes',
  };
}
