import { agentCompletes } from './agent-completes.ts';
import { answerOrStop } from './answer-or-stop.ts';
import { boundedRetries } from './bounded-retries.ts';
import { circuitBreaker } from './circuit-breaker.ts';
import { tokenBudget } from './token-budget.ts';
import { claimsMatchLedger } from './claims-match-ledger.ts';
import { errorsReachModel } from './errors-reach-model.ts';
import { exactlyOnce } from './exactly-once.ts';
import { goal } from './goal.ts';
import { knownAnswer } from './known-answer.ts';
import { loopDeadline } from './loop-deadline.ts';
import { noRetryPermanent } from './no-retry-permanent.ts';
import { onBehalfOf } from './on-behalf-of.ts';
import { responseContract } from './response-contract.ts';
import { retryBackoff } from './retry-backoff.ts';
import { resultsCorrelated } from './results-correlated.ts';
import { timeoutIsError } from './timeout-is-error.ts';
import { truncationNotFinal } from './truncation-not-final.ts';
import { toolTimeout } from './tool-timeout.ts';
import { toolBudget } from './tool-budget.ts';
import type { Checker } from './types.ts';
import { unknownToolRejected } from './unknown-tool-rejected.ts';
import { unknownToolStreak } from './unknown-tool-streak.ts';
import { validArguments } from './valid-arguments.ts';
import { completeReplyOnly } from './complete-reply-only.ts';
import { withinUserScope } from './within-user-scope.ts';
import { deploymentHasTools } from './deployment-has-tools.ts';
import { destructiveConfirmed } from './destructive-confirmed.ts';
import { noInjectedEffects } from './no-injected-effects.ts';
import { toolResultsComplete } from './tool-results-complete.ts';

/** Every checker by id. Adding a checker is adding one file and one entry. */
export const checkers: Record<string, Checker> = Object.fromEntries(
  [
    agentCompletes,
    goal,
    deploymentHasTools,
    circuitBreaker,
    tokenBudget,
    boundedRetries,
    claimsMatchLedger,
    errorsReachModel,
    exactlyOnce,
    knownAnswer,
    resultsCorrelated,
    truncationNotFinal,
    validArguments,
    answerOrStop,
    toolBudget,
    unknownToolRejected,
    unknownToolStreak,
    retryBackoff,
    noRetryPermanent,
    toolTimeout,
    loopDeadline,
    timeoutIsError,
    completeReplyOnly,
    onBehalfOf,
    withinUserScope,
    responseContract,
    toolResultsComplete,
    destructiveConfirmed,
    noInjectedEffects,
  ].map((c) => [c.id, c]),
);
