import { eventsOf, type EventOf, type HistoryEvent } from '../../harness/history.ts';
import type { Scenario } from '../../scenarios/schema.ts';

export type EffectIntent = Scenario['intent']['effects'][number];

/** Whether every field the intent names has that value (a commit's effect, or a request's body). */
export function carriesIntent(fields: unknown, intent: EffectIntent): boolean {
  if (!fields || typeof fields !== 'object') return false;
  return Object.entries(intent.match).every(([k, v]) => (fields as Record<string, unknown>)[k] === v);
}

/** The commits of the ledger that are the intended effect `intent`. */
export function commitsOf(events: readonly HistoryEvent[], intent: EffectIntent): EventOf<'commit'>[] {
  return eventsOf(events, 'commit').filter((c) => c.service === intent.service && c.kind === intent.kind && carriesIntent(c.effect, intent));
}

/** The effects the scenario means to happen (count ≥ 1). */
export const intendedEffects = (scenario: Scenario): EffectIntent[] => scenario.intent.effects.filter((e) => e.count > 0);
