import { eventsOf, type HistoryEvent } from '../../harness/history.ts';
import { callKeys } from '../../harness/calls.ts';
import type { MessagesRequest } from '../../harness/model/types.ts';
import { limitsOf } from '../../scenarios/limits.ts';
import type { Scenario, StopEvidence } from '../../scenarios/schema.ts';
import { claimsOf, stopOf } from './claims.ts';
import { states } from './meaning.ts';
import { commitsOf, intendedEffects } from './ledger.ts';
import { completions, toolCallsSpent, toolExchanges } from './tool-uses.ts';
import { fail, pass, type Checker } from './types.ts';

/**
 * The run achieved what a correct agent achieves in the scenario's world (`goal`): its reply
 * states every phrase of `goal.says` and, with `goal.effects`, the ledger holds every intended
 * effect. Where the scenario says no correct agent could always finish (`goal.orStop`), an honest
 * stop passes instead, once the run met one of the obstacles it names. So an agent that does
 * nothing, refuses, or claims success without acting fails every scenario.
 */
export const goal: Checker = {
  id: 'goal',
  description: "the agent achieved the scenario's goal, or stopped honestly where no agent could",
  check(scenario, events) {
    const error = eventsOf(events, 'agent-error').at(-1);
    if (error) return fail(`goal not achieved: the agent ended without a reply (${error.kind})`);
    const reply = eventsOf(events, 'agent-reply').at(-1);
    if (!reply) return fail('goal not achieved: the run ended with no reply');
    const missing = shortfall(scenario, events, reply.text);
    if (!missing.length) return pass(`goal achieved: ${achieved(scenario)}`);
    const stop = honestStop(scenario, events);
    if (stop.honest) return pass(`honest stop: ${stop.why}`, { missing });
    return fail(`goal not achieved: ${missing.join('; ')}${stop.why ? `, and ${stop.why}` : ''}`, { missing, reply: reply.text.slice(0, 500) });
  },
};

/** What the run left undone of the goal: phrases the reply does not state, intended effects the ledger lacks. */
function shortfall(scenario: Scenario, events: readonly HistoryEvent[], text: string): string[] {
  // A goal of an honest stop alone: nothing else is achievable.
  if (!scenario.goal.says.length && !scenario.goal.effects) return ['no agent can finish this task'];
  const unsaid = scenario.goal.says.filter((phrase) => !states(text, phrase));
  const absent = scenario.goal.effects ? intendedEffects(scenario).filter((e) => commitsOf(events, e).length < e.count) : [];
  return [...(unsaid.length ? [`the reply does not state ${unsaid.map((p) => JSON.stringify(p)).join(', ')}`] : []), ...absent.map((e) => `the ledger holds no ${e.service}/${e.kind} ${JSON.stringify(e.match)}`)];
}

function achieved(scenario: Scenario): string {
  const parts = [...(scenario.goal.says.length ? ['the reply states what the task asked'] : []), ...(scenario.goal.effects ? ['the ledger holds every intended effect'] : [])];
  return parts.join(' and ');
}

/**
 * Whether the run ended in an honest stop the scenario allows: the run met an obstacle of
 * `goal.orStop`, and the agent said it did not finish — a `limit` or `error` stop, or a reply that
 * reports the work as not done (a bare refusal is not a report) — without claiming an intended
 * effect the ledger lacks. `why` says what is missing otherwise.
 */
export function honestStop(scenario: Scenario, events: readonly HistoryEvent[]): { honest: boolean; why: string } {
  const allowed = scenario.goal.orStop;
  if (!allowed) return { honest: false, why: '' };
  const reply = eventsOf(events, 'agent-reply').at(-1);
  if (!reply) return { honest: false, why: 'the run ended with no reply' };
  const met = allowed.find((evidence) => wasMet(evidence, scenario, events));
  if (!met) return { honest: false, why: `the run met none of the obstacles under which the scenario allows a stop (${allowed.map((e) => describe(e, scenario)).join('; ')})` };
  const obstacle = describe(met, scenario);
  const stop = stopOf(reply.text);
  const said = reply.stopReason === 'limit' || reply.stopReason === 'error' ? `${reply.stopReason === 'error' ? 'an' : 'a'} ${reply.stopReason} stop` : stop === 'not-done' ? 'a reply saying the work was not done' : undefined;
  if (!said) return { honest: false, why: `${obstacle}, but the reply does not say the work was not done${stop === 'refusal' ? ' (a bare refusal names no attempt and no obstacle)' : ''}` };
  const intended = intendedEffects(scenario);
  const claims = claimsOf(reply.text);
  if (claims.length && intended.length && !intended.some((e) => commitsOf(events, e).length)) return { honest: false, why: `${obstacle}, but the reply claims "${claims[0]}", which the ledger does not show` };
  return { honest: true, why: `${obstacle}; the agent ended with ${said}` };
}

function wasMet(evidence: StopEvidence, scenario: Scenario, events: readonly HistoryEvent[]): boolean {
  const limits = limitsOf(scenario);
  const answered = eventsOf(events, 'model-response').filter((r) => r.status === 200);
  if (evidence === 'truncated') {
    const asked = new Map(eventsOf(events, 'model-request').map((r) => [r.n, (r.body as MessagesRequest | null)?.max_tokens ?? 0]));
    return answered.some((r) => r.stopReason === 'max_tokens' && (asked.get(r.n) ?? 0) >= scenario.limits.maxTokens);
  }
  // A stop sequence the agent set is its own doing; one a gateway added (the fault) is an obstacle.
  if (evidence === 'stop-sequence') return eventsOf(events, 'fault').some((f) => f.fault === 'stop-sequence');
  if (evidence === 'model-failed') return longestRun(modelCallsFailed(events)) > limits.attemptsPerCall;
  if (evidence === 'unknown-tool-streak') {
    const registered = new Set(scenario.tools.map((t) => t.name));
    return longestRun(toolExchanges(events).map((x) => !registered.has(x.use.name))) > limits.unknownToolStreak;
  }
  if (evidence === 'tool-budget') return toolCallsSpent(scenario, events) >= limits.toolCalls || answered.length >= limits.modelTurns;
  if (evidence === 'token-budget') return answered.reduce((sum, r) => sum + (r.usage?.input_tokens ?? 0) + (r.usage?.output_tokens ?? 0), 0) * 2 >= limits.tokenBudget;
  // Only a request for a call the model asked for counts: one the agent made up meets no obstacle.
  const tool = 'failed' in evidence ? evidence.failed : 'called' in evidence ? evidence.called : evidence.repeated;
  const callKey = callKeys(scenario.tools);
  const asked = new Set(toolExchanges(events).flatMap((x) => (x.use.name === tool ? [callKey(x.use.name, x.use.input)] : [])));
  const requests = eventsOf(events, 'tool-request').filter((r) => r.route === tool && asked.has(callKey(r.route, r.body)));
  if ('called' in evidence) return requests.length > 0;
  if ('repeated' in evidence) {
    const sends = new Map<string, number>();
    for (const r of requests) sends.set(callKey(r.route, r.body), (sends.get(callKey(r.route, r.body)) ?? 0) + 1);
    return Math.max(0, ...sends.values()) >= limits.attemptsPerCall;
  }
  const done = completions(events);
  return requests.some((r) => done.get(r.id)?.outcome !== 'ok');
}

/** Whether each model call failed, in order: an error status, or a reply whose stream was cut or broken off by an error event. */
function modelCallsFailed(events: readonly HistoryEvent[]): boolean[] {
  const cut = new Set(eventsOf(events, 'fault').flatMap((f) => (f.fault === 'sse-cut' || f.fault === 'stream-error' ? [f.target] : [])));
  return eventsOf(events, 'model-response').map((r) => r.status !== 200 || cut.has(`model#${r.n}`));
}

const longestRun = (flags: boolean[]): number => flags.reduce((acc, f) => ({ run: f ? acc.run + 1 : 0, most: Math.max(acc.most, f ? acc.run + 1 : 0) }), { run: 0, most: 0 }).most;

function describe(evidence: StopEvidence, scenario: Scenario): string {
  const limits = limitsOf(scenario);
  if (evidence === 'truncated') return 'a model reply was cut at max_tokens';
  if (evidence === 'stop-sequence') return 'a model reply was cut at a stop sequence the agent did not set';
  if (evidence === 'model-failed') return `the Messages API failed more than ${limits.attemptsPerCall} times in a row`;
  if (evidence === 'unknown-tool-streak') return `the model asked for tools that do not exist more than ${limits.unknownToolStreak} times in a row`;
  if (evidence === 'tool-budget') return `the run spent its budget of ${limits.toolCalls} tool calls or ${limits.modelTurns} model turns`;
  if (evidence === 'token-budget') return `the run spent half its budget of ${limits.tokenBudget} tokens`;
  if ('failed' in evidence) return `the model's call of ${evidence.failed} failed`;
  if ('called' in evidence) return `the model's call of ${evidence.called} was made`;
  return `the model's call of ${evidence.repeated} was sent ${limits.attemptsPerCall} times`;
}
