import { exactlyOnce } from '../../evals/checkers/exactly-once.ts';
import { runChecker } from '../../evals/checkers/types.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { canonical } from '../canonical.ts';
import { eventsOf, type EventOf, type HistoryEvent } from '../history.ts';

type Commit = EventOf<'commit'>;
type IntentProblem = { intent: Scenario['intent']['effects'][number]; committed: number; commits: Commit[] };

/**
 * Every way the world's ledger breaks "each effect happened exactly as often as meant", one line each:
 * the scenario's intended effects counted by the `exactly-once` checker (when it declares any), then
 * any other effect committed twice or more — the same service, kind and fields, ignoring the ids the
 * service generated — that no intent allows. Empty when the ledger is clean. A pure function of the history.
 */
export function effectProblems(scenario: Scenario | undefined, events: readonly HistoryEvent[]): string[] {
  const commits = eventsOf(events, 'commit');
  const intended = scenario?.intent.effects.length ? intentProblems(scenario, events) : [];
  const covered = new Set(intended.flatMap((p) => p.commits.map((c) => c.id)));
  const lines = intended.map((p) => `${p.intent.service}/${p.intent.kind} ${JSON.stringify(p.intent.match)} committed ${p.committed} times, intended ${p.intent.count}${at(p.commits)}`);
  for (const group of duplicateGroups(commits, events)) {
    if (group.every((c) => covered.has(c.id)) || allowedByIntent(scenario, group)) continue;
    const first = group[0] as Commit;
    lines.push(`${first.service}/${first.kind} ${JSON.stringify(withoutGeneratedIds(first, events))} committed ${group.length} times${at(group)}`);
  }
  return lines;
}

function intentProblems(scenario: Scenario, events: readonly HistoryEvent[]): IntentProblem[] {
  const result = runChecker(exactlyOnce, scenario, events);
  if (result.verdict === 'pass') return [];
  if (result.verdict === 'unknown') throw new Error(`the exactly-once checker could not decide: ${result.message}`);
  return result.evidence as IntentProblem[];
}

/** Commits of the same service, kind and effect once generated ids are set aside, two or more to a group. */
function duplicateGroups(commits: Commit[], events: readonly HistoryEvent[]): Commit[][] {
  const groups = new Map<string, Commit[]>();
  for (const c of commits) {
    const key = `${c.service}\u0000${c.kind}\u0000${canonical(withoutGeneratedIds(c, events))}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * The effect without the ids its service made up (`order_id`, `message_id`): a field named like an
 * id whose value the request did not carry. An id the caller sent (`volume_id` of a delete) is
 * what the effect is about, and stays.
 */
function withoutGeneratedIds(commit: Commit, events: readonly HistoryEvent[]): Record<string, unknown> {
  const request = eventsOf(events, 'tool-request').find((r) => r.id === commit.id);
  const sent = new Set(Object.values((request?.body ?? {}) as Record<string, unknown>).map((v) => canonical(v)));
  return Object.fromEntries(Object.entries(commit.effect).filter(([k, v]) => !(/(^id|_id|Id)$/.test(k) && !sent.has(canonical(v)))));
}

const allowedByIntent = (scenario: Scenario | undefined, group: Commit[]): boolean =>
  (scenario?.intent.effects ?? []).some((i) => group.every((c) => c.service === i.service && c.kind === i.kind && Object.entries(i.match).every(([k, v]) => c.effect[k] === v)) && i.count >= group.length);

const at = (commits: Commit[]): string => (commits.length ? ` (${commits.map((c) => `${c.id} at ${c.t} ms`).join(', ')})` : '');
