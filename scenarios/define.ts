import type { ScenarioInput } from './schema.ts';

/** What every scenario gets unless it says otherwise (a Jepsen-style base map). */
export const defaults = {
  limits: { virtualMsMax: 3_600_000, maxTokens: 1024 },
  /**
   * Every run is also judged on whether the agent ended with a reply, offered the model the
   * scenario's tools, achieved the scenario's goal, and kept within the limits it was told.
   */
  checks: ['agent-completes', 'deployment-has-tools', 'goal', 'bounded-retries', 'tool-timeout', 'loop-deadline', 'tool-budget', 'token-budget'],
} as const;

/**
 * Declares a scenario: plain data, typed here and validated (every problem at once, with its
 * path) when the catalogue loads it.
 *
 * @example
 * export default defineScenario({ id: 'my-case', title: '…', source: { seed: '000', case: 'mode 2' }, … });
 */
export function defineScenario(input: ScenarioInput): ScenarioInput {
  // A plain-.js scenario can hold anything: leave what is malformed as it is, for validation to report with its path.
  if (!isRecord(input)) return input;
  return {
    ...input,
    limits: input.limits === undefined || isRecord(input.limits) ? { ...defaults.limits, ...input.limits } : input.limits,
    checks: Array.isArray(input.checks) ? [...new Set([...input.checks, ...defaults.checks])] : input.checks,
  };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
