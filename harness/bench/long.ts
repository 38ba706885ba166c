import { defineScenario } from '../../scenarios/define.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { tools } from '../../scenarios/tools.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import type { Agent } from '../agents/types.ts';
import { runOne } from '../runner/run-one.ts';
import { median } from './median.ts';

/**
 * A long conversation: `turns - 1` sequential lookups of different customers, then the answer, with
 * limits wide enough that a correct runtime goes all the way. It measures what a turn costs late in
 * a conversation against early in it: any work proportional to the conversation so far (recording
 * it again, parsing it again, re-reading it) shows as a per-turn cost that grows with the turn.
 */
export function longScenario(turns: number): Scenario {
  const ids = Array.from({ length: turns - 1 }, (_, i) => `C-${1000 + i}`);
  const input = defineScenario({
    id: `bench-long-${turns}`,
    title: `A ${turns}-turn conversation of lookups`,
    source: { seed: 'bench', case: 'long conversation' },
    task: `Look up each of these customers in turn: ${ids.join(', ')}. Then say done.`,
    system: 'You are a support assistant. Use lookup_customer once per customer, one at a time, then answer.',
    tools: [tools.lookup_customer],
    services: { crm: { customers: ids.map((customer_id) => ({ customer_id, name: `Customer ${customer_id}`, plan: 'basic', open_tickets: 0, balance: 0 })) } },
    model: { persona: 'diligent', latencyMs: [1, 1], plan: ids.map((customer_id) => ({ call: [{ name: 'lookup_customer', input: { customer_id } }] })), answer: 'done' },
    intent: { budget: { toolCalls: turns + 5, modelTurns: turns + 5 }, tokenBudget: 1e9, deadlineMs: 3_600_000 },
    goal: { says: ['done'] },
    checks: ['known-answer'],
    primaryCheck: 'known-answer',
  });
  const { scenario, problems } = validateScenario(input, 'harness/bench/long.ts');
  if (!scenario) throw new Error(`invalid long scenario:\n  ${problems.join('\n  ')}`);
  return scenario;
}

/**
 * The agent, its model calls timed: the wall time at which turn i's request is made. The time
 * between two requests is one turn of everything the run does — the simulated API and model, the
 * recording, the tool call, the agent's own work.
 */
function timed(agent: Agent, starts: number[]): Agent {
  return {
    ...agent,
    run: (task, env) => {
      const messages = new Proxy(env.client.messages, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if ((prop !== 'create' && prop !== 'stream') || typeof value !== 'function') return value;
          return (...args: unknown[]) => (starts.push(performance.now()), value.apply(target, args));
        },
      });
      const client = new Proxy(env.client, { get: (target, prop, receiver) => (prop === 'messages' ? messages : Reflect.get(target, prop, receiver)) });
      return agent.run(task, { ...env, client });
    },
  };
}

/** Median wall ms of turn `at` (from its request to the next) over `runs` runs of a `turns`-turn conversation. */
export async function msPerTurn(agent: Agent, turns: number, at: number[], runs: number): Promise<Record<number, number>> {
  const scenario = longScenario(turns);
  const samples: Record<number, number[]> = Object.fromEntries(at.map((n) => [n, []]));
  // Run 0 warms the JIT up and is not counted.
  for (let r = 0; r <= runs; r++) {
    const starts: number[] = [];
    const record = await runOne({ scenario, agent: timed(agent, starts), agentRef: 'hardened', seed: 1 + r, trial: 1 });
    if (record.metrics.modelTurns !== turns) throw new Error(`long run made ${record.metrics.modelTurns} model turns, not ${turns}: ${JSON.stringify(record.checks)}`);
    // Turn n's request is starts[n - 1]; the window of 3 turns around n smooths one slow turn.
    if (r > 0) for (const n of at) samples[n]!.push((starts[n + 1]! - starts[n - 2]!) / 3);
  }
  return Object.fromEntries(at.map((n) => [n, median(samples[n]!)]));
}
