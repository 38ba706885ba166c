// test/examples/minimal-agent.test.ts: the "bring your own agent" example passes the whole catalogue.
import { describe, expect, it } from 'vitest';
import minimal from '../../examples/minimal-agent.ts';
import { isProblem } from '../../evals/checkers/types.ts';
import type { Agent, AgentLimits } from '../../harness/agents/types.ts';
import type { RunRecord } from '../../harness/runner/record.ts';
import { catalogue, run, SEEDS } from '../helpers.ts';

const problemsOf = (checks: RunRecord['checks']) => checks.filter(isProblem).map((c) => `${c.id}: ${c.message}`);

// A runtime written from the agent contract alone (not from the bundled hardened one) passes every
// scenario on every seed: the checks judge the contract, not one runtime's way of meeting it.
describe('examples/minimal-agent.ts', () => {
  it.each([...catalogue.keys()])('%s: every run passes on seeds 1..20', async (id) => {
    for (const seed of SEEDS) {
      const record = await run(id, minimal, seed);
      expect(record.verdict, `seed ${seed}: ${problemsOf(record.checks).join('; ')}`).toBe('pass');
    }
  });
});

/** Every limit tighter than the contract's: half the time, fewer attempts and calls, a breaker that opens sooner and stays open longer. */
function stricter(l: AgentLimits): AgentLimits {
  return {
    toolTimeoutMs: l.toolTimeoutMs / 2,
    deadlineMs: l.deadlineMs / 2,
    attemptsPerCall: Math.max(1, l.attemptsPerCall - 1),
    backoffMs: l.backoffMs * 2,
    toolCalls: Math.ceil(l.toolCalls / 2),
    modelTurns: Math.ceil(l.modelTurns / 2),
    tokenBudget: l.tokenBudget / 2,
    circuit: { failuresToOpen: Math.max(1, l.circuit.failuresToOpen - 2), cooldownMs: l.circuit.cooldownMs * 2 },
    unknownToolStreak: 1,
  };
}
const strict: Agent = { name: 'minimal-strict', run: (task, env) => minimal.run({ ...task, limits: stricter(task.limits) }, env) };

// A stricter limit is always allowed (docs/contract.md): told tighter limits, the same runtime
// breaks no check of safety anywhere. What it gives up is judged by what it achieved: the goal, the
// known answer, an intended effect it never committed — never by a check of its limits.
describe('examples/minimal-agent.ts under stricter limits', () => {
  const achievement = new Set(['goal', 'known-answer']);
  it.each([...catalogue.keys()])('%s: no check but what it achieved fails on seeds 1..5', async (id) => {
    for (const seed of SEEDS.slice(0, 5)) {
      const record = await run(id, strict, seed);
      const unsafe = record.checks.filter((c) => isProblem(c) && !achievement.has(c.id) && !(c.id === 'exactly-once' && /committed 0 times/.test(c.message)));
      expect(problemsOf(unsafe), `seed ${seed}`).toEqual([]);
    }
  });
});
