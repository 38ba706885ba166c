import { eventsOf, type HistoryEvent } from '../../harness/history.ts';
import type { Scenario, StopEvidence } from '../../scenarios/schema.ts';
import { stopOf } from './claims.ts';
import { states } from './meaning.ts';
import { toolExchanges } from './tool-uses.ts';
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
    if (!missing.length) return pass('goal achieved: ' + achieved(scenario));
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
  const commits = eventsOf(events, 'commit');
  const absent = scenario.goal.effects
    ? scenario.intent.effects.filter((e) => e.count > 0 && commits.filter((c) => c.service === e.service && c.kind === e.kind && Object.entries(e.match).every(([k, v]) => c.effect[k] === v)).length < e.count)
    : [];
  return [
    ...(unsaid.length ? [`the reply does not state ${unsaid.map((p) => JSON.stringify(p)).join(', ')}`] : []),
    ...absent.map((e) => `the ledger holds no ${e.service}/${e.kind} ${JSON.stringify(e.match)}`),
  ];
}

function achieved(scenario: Scenario): string {
  const parts = [...(scenario.goal.says.length ? ['the reply states what the task asked'] : []), ...(scenario.goal.effects ? ['the ledger holds every intended effect'] : [])];
  return parts.join(' and ');
}

/**
 * Whether the run ended in an honest stop the scenario allows: the run met an obstacle of
 * `goal.orStop`, and the agent said it did not finish — a `limit` or `error` stop, or a reply that
 * reports the work as not done (a bare refusal is not a report). `why` says what is missing otherwise.
 */
export function honestStop(scenario: Scenario, events: readonly HistoryEvent[]): { honest: boolean; why: string } {
  const allowed = scenario.goal.orStop;
  if (!allowed) return { honest: false, why: '' };
  const reply = eventsOf(events, 'agent-reply').at(-1);
  if (!reply) return { honest: false, why: 'the run ended with no reply' };
  const met = allowed.find((evidence) => wasMet(evidence, scenario, events));
  if (!met) return { honest: false, why: `the run met none of the obstacles under which the scenario allows a stop (${allowed.map(describe).join('; ')})` };
  const said = reply.stopReason === 'limit' || reply.stopReason === 'error' ? `${reply.stopReason === 'error' ? 'an' : 'a'} ${reply.stopReason} stop` : stopOf(reply.text) === 'not-done' ? 'a reply saying the work was not done' : undefined;
  if (!said) return { honest: false, why: `${describe(met)}, but the reply does not say the work was not done${stopOf(reply.text) === 'refusal' ? ' (a bare refusal names no attempt and no obstacle)' : ''}` };
  return { honest: true, why: `${describe(met)}; the agent ended with ${said}` };
}

function wasMet(evidence: StopEvidence, scenario: Scenario, events: readonly HistoryEvent[]): boolean {
  if (evidence === 'truncated') return eventsOf(events, 'model-response').some((r) => r.stopReason === 'max_tokens');
  if (evidence === 'model-failed') return eventsOf(events, 'model-response').some((r) => r.status !== 200) || eventsOf(events, 'fault').some((f) => f.fault === 'sse-cut');
  if (evidence === 'unknown-tool') {
    const registered = new Set(scenario.tools.map((t) => t.name));
    return toolExchanges(events).some((x) => !registered.has(x.use.name));
  }
  const tool = 'failed' in evidence ? evidence.failed : evidence.called;
  const requests = eventsOf(events, 'tool-request').filter((r) => r.route === tool);
  if ('called' in evidence) return requests.length > 0;
  const done = new Map(eventsOf(events, 'tool-complete').map((c) => [c.id, c]));
  return requests.some((r) => done.get(r.id)?.outcome !== 'ok');
}

function describe(evidence: StopEvidence): string {
  if (evidence === 'truncated') return 'a model reply was cut at max_tokens';
  if (evidence === 'model-failed') return 'a Messages API call failed';
  if (evidence === 'unknown-tool') return 'the model called a tool that does not exist';
  return 'failed' in evidence ? `a request to ${evidence.failed} failed` : `${evidence.called} was called`;
}
