import { z } from 'zod';
import type { RunRecord } from '../harness/runner/record.ts';
import { scenarioPassK, type PassK } from './passk.ts';
import { isProblem } from './checkers/types.ts';

export const BASELINE_FORMAT = 'faultline.baseline/1';

const passK = z.object({ k: z.number(), runs: z.number(), passed: z.number(), passK: z.number(), ci: z.tuple([z.number(), z.number()]) }).strict();

export const baselineSchema = z
  .object({
    format: z.literal(BASELINE_FORMAT),
    agent: z.string(),
    seeds: z.number().int(),
    trials: z.number().int(),
    /** Per scenario: pass^k with its interval, and each run's verdict by `s<seed>t<trial>`. */
    scenarios: z.record(z.string(), z.object({ passK, runs: z.record(z.string(), z.enum(['pass', 'fail', 'error'])) }).strict()),
  })
  .strict();

export type Baseline = z.infer<typeof baselineSchema>;
type Record_ = Pick<RunRecord, 'scenario' | 'seed' | 'trial' | 'verdict' | 'checks' | 'replay'>;

const runKey = (r: { seed: number; trial: number }) => `s${r.seed}t${r.trial}`;

/** pass^k (k = trials) of every scenario in `records`, one task per seed. */
export function passKByScenario(records: Record_[], trials: number): Map<string, PassK> {
  const tasks = new Map<string, Map<number, { runs: number; passed: number }>>();
  for (const r of records) {
    const bySeed = tasks.get(r.scenario) ?? tasks.set(r.scenario, new Map()).get(r.scenario)!;
    const task = bySeed.get(r.seed) ?? bySeed.set(r.seed, { runs: 0, passed: 0 }).get(r.seed)!;
    task.runs++;
    if (r.verdict === 'pass') task.passed++;
  }
  return new Map([...tasks].map(([scenario, bySeed]) => [scenario, scenarioPassK([...bySeed.values()], trials)]));
}

export function buildBaseline(records: Record_[], settings: { agent: string; seeds: number; trials: number }): Baseline {
  const passKs = passKByScenario(records, settings.trials);
  const scenarios: Baseline['scenarios'] = {};
  for (const [scenario, pk] of [...passKs].sort(([a], [b]) => a.localeCompare(b)))
    scenarios[scenario] = { passK: pk, runs: Object.fromEntries(records.filter((r) => r.scenario === scenario).map((r) => [runKey(r), r.verdict])) };
  return { format: BASELINE_FORMAT, ...settings, scenarios };
}

/** Why the gate fails: a run that passed in the baseline and no longer does, or pass^k under the baseline's lower bound. */
export type Regression =
  | { kind: 'run'; scenario: string; seed: number; trial: number; check: string; message: string; replay: string }
  | { kind: 'pass^k'; scenario: string; k: number; now: number; lowerBound: number; failing: Array<{ check: string; replay: string }> };

export type Comparison = { regressions: Regression[]; improved: string[]; unbaselined: string[] };

/** A failure the config accepts: this scenario's check, and why. */
export type Accepted = { scenario: string; check: string; reason: string };

/**
 * Why a run that did not pass is no regression: it failed in the baseline too, or every check it
 * failed is one the config accepts for its scenario. Undefined when it is a regression (or passed).
 */
export function knownFailure(run: Pick<Record_, 'scenario' | 'seed' | 'trial' | 'checks'>, baseline: Baseline, accepted: readonly Accepted[]): string | undefined {
  const before = baseline.scenarios[run.scenario]?.runs[runKey(run)];
  if (before !== undefined && before !== 'pass') return `it ${before === 'error' ? 'was an error' : 'failed'} in the baseline too`;
  const problems = run.checks.filter(isProblem);
  const reasons = problems.map((c) => accepted.find((a) => a.scenario === run.scenario && a.check === c.id));
  if (problems.length && reasons.every(Boolean)) return `accepted: ${[...new Set(reasons.map((a) => `${a?.check} (${a?.reason})`))].join('; ')}`;
  return undefined;
}

export function compareWithBaseline(records: Record_[], baseline: Baseline, trials: number, accepted: readonly Accepted[] = []): Comparison {
  const regressions: Regression[] = [];
  const improved: string[] = [];
  const firstFailing = (r: Record_) => r.checks.find(isProblem) ?? { id: '(none)', message: '' };
  for (const r of records) {
    const before = baseline.scenarios[r.scenario]?.runs[runKey(r)];
    if (before === 'pass' && r.verdict !== 'pass' && knownFailure(r, baseline, accepted) === undefined) {
      const check = firstFailing(r);
      regressions.push({ kind: 'run', scenario: r.scenario, seed: r.seed, trial: r.trial, check: check.id, message: check.message, replay: r.replay });
    }
    if (before && before !== 'pass' && r.verdict === 'pass') improved.push(`${r.scenario} ${runKey(r)}`);
  }
  const unbaselined: string[] = [];
  for (const [scenario, now] of passKByScenario(records, trials)) {
    const before = baseline.scenarios[scenario]?.passK;
    if (!before) {
      unbaselined.push(scenario);
      continue;
    }
    if (before.k === now.k && now.passK < before.ci[0])
      regressions.push({
        kind: 'pass^k',
        scenario,
        k: now.k,
        now: now.passK,
        lowerBound: before.ci[0],
        failing: records.filter((r) => r.scenario === scenario && r.verdict !== 'pass').slice(0, 3).map((r) => ({ check: firstFailing(r).id, replay: r.replay })),
      });
  }
  return { regressions, improved, unbaselined };
}
