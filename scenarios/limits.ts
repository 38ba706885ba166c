import type { AgentLimits, AgentTask } from '../harness/agents/types.ts';
import type { Scenario } from './schema.ts';

/**
 * The limits of the agent contract (docs/contract.md) where a scenario sets none: seed 004's
 * timeout hierarchy, retry and breaker settings, seed 002's budgets and unknown-tool streak, seed
 * 001's token budget. Every agent is told them in `task.limits`, and the checks judge by them.
 */
export const CONTRACT_LIMITS: AgentLimits = {
  toolTimeoutMs: 30_000,
  deadlineMs: 60_000,
  attemptsPerCall: 3,
  backoffMs: 1_000,
  toolCalls: 12,
  modelTurns: 16,
  tokenBudget: 100_000,
  circuit: { failuresToOpen: 5, cooldownMs: 60_000 },
  unknownToolStreak: 3,
};

/** The limits a scenario's agent is told and judged by: the contract's, with the scenario's own `intent` values over them. */
export function limitsOf(scenario: Pick<Scenario, 'intent'>): AgentLimits {
  const i = scenario.intent;
  return {
    toolTimeoutMs: i.toolTimeoutMs ?? CONTRACT_LIMITS.toolTimeoutMs,
    deadlineMs: i.deadlineMs ?? CONTRACT_LIMITS.deadlineMs,
    attemptsPerCall: i.maxAttemptsPerCall ?? CONTRACT_LIMITS.attemptsPerCall,
    backoffMs: i.backoffMsMin ?? CONTRACT_LIMITS.backoffMs,
    toolCalls: i.budget?.toolCalls ?? CONTRACT_LIMITS.toolCalls,
    modelTurns: i.budget?.modelTurns ?? CONTRACT_LIMITS.modelTurns,
    tokenBudget: i.tokenBudget ?? CONTRACT_LIMITS.tokenBudget,
    circuit: { ...(i.circuit ?? CONTRACT_LIMITS.circuit) },
    unknownToolStreak: i.unknownToolStreakMax ?? CONTRACT_LIMITS.unknownToolStreak,
  };
}

/** The job one run hands its agent. */
export function taskOf(scenario: Scenario, model: string): AgentTask {
  return { prompt: scenario.task, system: scenario.system, tools: scenario.tools, model, maxTokens: scenario.limits.maxTokens, limits: limitsOf(scenario) };
}
