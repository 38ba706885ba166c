import { describe, expect, it } from 'vitest';
import { check, catalogue, run } from '../../helpers.ts';
import { eventsOf, parseHistory } from '../../../harness/history.ts';
import { runOne } from '../../../harness/runner/run-one.ts';
import { naive } from '../../../harness/agents/naive.ts';
import { validateScenario } from '../../../scenarios/validate.ts';

// A team's tool posed at a built-in service's endpoint under its own name: the fault it names, the
// request log and the checks all speak of the team's tool, never of the service's route.
describe("a scenario's own tool name at a service's endpoint", () => {
  const base = catalogue.get('dropped-ack')!;
  const rename = (name: string) => (name === 'place_order' ? 'refund_order' : name);
  const input = {
    ...base,
    id: 'dropped-refund',
    tools: base.tools.map((t) => ({ ...t, name: rename(t.name) })),
    faults: base.faults.map((f) => ({ ...f, tool: rename((f as { tool: string }).tool) })),
    model: { ...base.model, plan: base.model.plan.map((s) => ({ call: s.call.map((c) => ({ ...c, name: rename(c.name) })) })), answer: base.model.answer.replaceAll('place_order', 'refund_order') },
    goal: { effects: true, orStop: [{ failed: 'refund_order' }] },
  };

  it('is where the fault strikes and what the log names, so the naive control fails as it does under the service name', async () => {
    const { scenario, problems } = validateScenario(input, 'dropped-refund.ts');
    expect(problems).toEqual([]);
    const record = await runOne({ scenario: scenario!, agent: naive, agentRef: 'naive', seed: 1, trial: 1 });
    const events = parseHistory(record.history);
    expect(eventsOf(events, 'fault').length).toBeGreaterThan(0);
    expect(new Set(eventsOf(events, 'tool-request').map((r) => r.route))).toEqual(new Set(['refund_order']));
    expect(check(record, 'exactly-once')?.verdict).toBe('fail');
    expect(check(await run('dropped-ack', 'naive', 1), 'exactly-once')?.verdict).toBe('fail');
  });
});
