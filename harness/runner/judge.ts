import { checkers } from '../../evals/checkers/index.ts';
import { notApplicable, runChecker, type CheckResult } from '../../evals/checkers/types.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { digest, eventsOf, type HistoryEvent } from '../history.ts';
import { verdictOf, type FaultsStruck, type RunRecord } from './record.ts';
import { replayCommand } from './replay-command.ts';

/**
 * A run's record: every check of the scenario judged on its history (none, with why, when the run
 * was stopped short), and its metrics. `faultsStruck` (the runner counts it; set when the scenario
 * declares faults) goes on the record; when none of the declared faults struck, a pass of the
 * scenario's primary check proves nothing: it is `not-applicable` (a failure stays a failure).
 */
export function judge(
  scenario: Scenario,
  agentRef: string,
  seed: number,
  trial: number,
  events: readonly HistoryEvent[],
  history: string,
  virtualMs: number,
  wallMs: number,
  scenarioRef: string = scenario.id,
  faultsStruck?: FaultsStruck,
): RunRecord {
  const stop = eventsOf(events, 'run-stopped')[0] ?? eventsOf(events, 'service-error')[0];
  const checks = scenario.checks.map((id) => {
    // A run cut short, or whose world failed, says nothing about the runtime: each check says why it was not judged.
    if (stop) return { id, verdict: 'unknown' as const, message: `not judged: ${stop.message}` };
    const checker = checkers[id];
    const result = checker ? runChecker(checker, scenario, events) : { verdict: 'unknown' as const, message: `no checker "${id}"` };
    // A pass proves nothing when the premise never happened; a failure is a failure all the same.
    if (id === scenario.primaryCheck && faultsStruck?.struck === 0 && result.verdict === 'pass') return { id, ...unstruck(faultsStruck.declared) };
    return { id, ...result };
  });
  const responses = eventsOf(events, 'model-response').filter((r) => r.status === 200);
  return {
    scenario: scenario.id,
    agent: agentRef,
    seed,
    trial,
    verdict: verdictOf(checks),
    checks,
    metrics: {
      modelTurns: responses.length,
      toolCalls: eventsOf(events, 'tool-request').length,
      effects: eventsOf(events, 'commit').length,
      virtualMs,
      wallMs: Math.round(wallMs * 100) / 100,
      inputTokens: responses.reduce((n, r) => n + (r.usage?.input_tokens ?? 0), 0),
      outputTokens: responses.reduce((n, r) => n + (r.usage?.output_tokens ?? 0), 0),
    },
    historyDigest: digest(history),
    history,
    replay: replayCommand(scenarioRef, agentRef, seed, trial),
    ...(faultsStruck && faultsStruck.declared > 0 ? { faultsStruck } : {}),
    ...(stop?.type === 'run-stopped' && stop.reason === 'budget' ? { interrupted: 'budget' as const } : {}),
  };
}

/** The primary check of a run in which none of the scenario's faults struck: the scenario's premise never happened. */
const unstruck = (declared: number): CheckResult => notApplicable(declared === 1 ? "the scenario's one fault never struck in this run" : `none of the scenario's ${declared} faults struck in this run`);
