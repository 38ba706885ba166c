import { agentCompletes } from './agent-completes.ts';
import { boundedRetries } from './bounded-retries.ts';
import { exactlyOnce } from './exactly-once.ts';
import { knownAnswer } from './known-answer.ts';
import { resultsCorrelated } from './results-correlated.ts';
import type { Checker } from './types.ts';
import { validArguments } from './valid-arguments.ts';

/** Every checker by id. Adding a checker is adding one file and one entry. */
export const checkers: Record<string, Checker> = Object.fromEntries(
  [agentCompletes, boundedRetries, exactlyOnce, knownAnswer, resultsCorrelated, validArguments].map((c) => [c.id, c]),
);
