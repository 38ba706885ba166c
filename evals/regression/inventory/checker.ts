import { eventsOf, type HistoryEvent } from '../../../harness/history.ts';
import { toolExchanges } from '../../checkers/tool-uses.ts';
import { fail, pass, type Checker } from '../../checkers/types.ts';
import type { ComputationRow } from './scenario.ts';

/** What the calculator was sent and what it answered, for each computation it completed. */
type Computation = { sent: unknown; answered: unknown };

/**
 * The known result of the row (seed 002 case 7): the reply states the known number of case packs
 * and no other, and that number is one the inventory service computed (the world, not the model's
 * arithmetic or a guess). The row's premise must have happened, or it tested nothing: when it names
 * figures the model passes as text, the model must have asked with them as text (`unknown` if not).
 */
export function knownCasePacks(row: ComputationRow): Checker {
  const figure = `${row.case_packs.toLocaleString('en-US')} case packs`;
  return {
    id: 'known-case-packs',
    description: `${row.id}: ${figure}`,
    check(_scenario, events) {
      const asked = toolExchanges(events).filter((x) => x.use.name === 'compute_inventory');
      if (row.asStrings.length && !asked.some((x) => row.asStrings.every((f) => typeof (x.use.input as Record<string, unknown>)[f] === 'string')))
        throw new Error(`the model never passed ${row.asStrings.join(', ')} as text; the row tests nothing`);
      const reply = eventsOf(events, 'agent-reply').at(-1);
      if (!reply) return fail('the agent gave no reply');
      const computed = computations(events);
      const evidence = { reply: reply.text, known: row.case_packs, computed };

      const stated = [...reply.text.matchAll(/(\d[\d,]*)\s+case packs/gi)].map((m) => Number((m[1] as string).replace(/,/g, '')));
      const wrong = stated.filter((n) => n !== row.case_packs);
      const from = computed.length ? `; the inventory service answered ${computed.map((c) => `${JSON.stringify(c.answered)} to ${JSON.stringify(c.sent)}`).join(', ')}` : '';
      if (!stated.includes(row.case_packs) || wrong.length)
        return fail(`the reply ${stated.length ? `says ${stated.map((n) => n.toLocaleString('en-US')).join(' and ')} case packs` : 'states no number of case packs'}; known: ${figure}${from}`, evidence);
      const source = computed.find((c) => (c.answered as { case_packs?: unknown } | null)?.case_packs === row.case_packs);
      if (!source) return fail(`the reply says ${figure}, but the inventory service never computed it${from || ' (it was never called)'}`, evidence);
      return pass(`${figure}, as known, computed from ${JSON.stringify(source.sent)}`, evidence);
    },
  };
}

function computations(events: readonly HistoryEvent[]): Computation[] {
  const done = new Map(
    eventsOf(events, 'tool-complete')
      .filter((c) => c.outcome === 'ok')
      .map((c) => [c.id, c.body]),
  );
  return eventsOf(events, 'tool-request')
    .filter((r) => r.route === 'compute_inventory' && done.has(r.id))
    .map((r) => ({ sent: r.body, answered: done.get(r.id) }));
}
