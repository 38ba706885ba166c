import type { Scenario } from '../../scenarios/schema.ts';
import { History, type AgentErrorKind } from '../history.ts';
import { judge } from './judge.ts';
import { verdictOf, type RunRecord } from './record.ts';
import type { RunRequest } from './supervisor.ts';

/**
 * The record of a run that ended outside `runOne`'s hands: its history is its start and why it
 * ended. `judged` is the one check that can speak from that (agent-completes, for an agent that
 * blocked its worker); every other check says it was not judged, so the run is never a pass.
 */
export function lostRunRecord(request: RunRequest, scenario: Scenario, kind: AgentErrorKind, message: string, { judged, wallMs = 0 }: { judged?: string; wallMs?: number } = {}): RunRecord {
  const history = new History(() => 0);
  history.add({ type: 'run-start', scenario: scenario.id, agent: request.agent, seed: request.seed, trial: request.trial });
  history.add({ type: 'agent-error', kind, message });
  const record = judge(scenario, request.agent, request.seed, request.trial, history.events, history.serialize(), 0, wallMs, request.scenario);
  const checks = record.checks.map((c) => (c.id === judged ? c : { id: c.id, verdict: 'unknown' as const, message: `not judged: ${message}` }));
  return { ...record, checks, verdict: verdictOf(checks), ...(kind === 'lost' ? { lost: message } : {}) };
}
