import type { Scenario } from '../../scenarios/schema.ts';
import { personas } from '../model/personas.ts';

// A persona that keeps calling tools past its plan (a runaway loop, paging, hallucinated tools)
// runs until the agent's own cap stops it: up to a hundred model turns where others take a few.
const OPEN_ENDED_TURNS = 100;

/**
 * A run's expected cost in model turns, from its scenario alone: the plan's steps, or the agent's
 * cap for a persona that does not stop on its own. Only an order: the main job's longest runs
 * (runaway-loop, pagination-loop, hallucinated-tool) cost 10-30 times its median one.
 */
export function expectedTurns(scenario: Scenario): number {
  const persona = personas[scenario.model.persona];
  const openEnded = persona?.researches || persona?.pages || persona?.hallucinates;
  return (openEnded ? OPEN_ENDED_TURNS : 0) + 1 + scenario.model.plan.length;
}

/**
 * The order in which workers take the requests (indexes into `requests`): longest expected first,
 * request order among equals, so two lanes do not end with one idle while the other runs a long
 * loop. Records still come back in request order (runIsolated keeps them by index).
 */
export function longestFirst(requests: ReadonlyArray<{ scenario: string }>, catalogue: ReadonlyMap<string, Scenario>): number[] {
  const cost = new Map<string, number>();
  const of = (ref: string) => cost.get(ref) ?? (cost.set(ref, expectedTurns(catalogue.get(ref) as Scenario)), cost.get(ref) as number);
  return requests
    .map((r, i) => [of(r.scenario), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, i]) => i);
}
