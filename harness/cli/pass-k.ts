import { passKByScenario } from '../../evals/baseline.ts';
import type { PassKSummary, RunRecord } from '../runner/record.ts';

/** What pass^k reads of a run: a fresh record, or one read back from results.json. */
type Run = Pick<RunRecord, 'scenario' | 'agent' | 'seed' | 'trial' | 'verdict' | 'checks' | 'replay'>;

/** pass^k (k = trials) of every scenario × agent, one task per seed; what results.json stores as `passK`. */
export function passKSummary(records: readonly Run[], k: number): PassKSummary[] {
  const agents = [...new Set(records.map((r) => r.agent))];
  return agents.flatMap((agent) =>
    [
      ...passKByScenario(
        records.filter((r) => r.agent === agent),
        k,
      ),
    ].map(([scenario, p]) => ({ scenario, agent, ...p })),
  );
}

/**
 * The k of runs read back from results files: how many trials each seed ran, when there are several
 * and every scenario × agent × seed ran the same number (undefined otherwise: pass^k needs k runs of each).
 */
export function trialsOf(records: readonly Run[]): number | undefined {
  const k = new Set(records.map((r) => r.trial)).size;
  const tasks = new Map<string, number>();
  for (const r of records) {
    const task = JSON.stringify([r.scenario, r.agent, r.seed]);
    tasks.set(task, (tasks.get(task) ?? 0) + 1);
  }
  return k > 1 && [...tasks.values()].every((n) => n === k) ? k : undefined;
}

/** One line of the terminal summary for `p`. */
export const passKLine = (p: PassKSummary): string => `pass^${p.k} ${p.scenario} × ${p.agent}: ${p.passK.toFixed(3)} (95 % interval ${p.ci[0].toFixed(3)}–${p.ci[1].toFixed(3)}, ${p.passed}/${p.runs} runs passed)`;
