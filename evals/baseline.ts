import { z } from 'zod';
import type { RunRecord } from '../harness/runner/record.ts';
import { belowBaseline, scenarioPassK, type PassK } from './passk.ts';
import { isProblem } from './checkers/types.ts';

export const BASELINE_FORMAT = 'faultline.baseline/1';

const passK = z.object({ k: z.number(), runs: z.number(), passed: z.number(), passK: z.number(), ci: z.tuple([z.number(), z.number()]) }).strict();

export const baselineSchema = z
  .object({
    format: z.literal(BASELINE_FORMAT),
    agent: z.string(),
    seeds: z.number().int(),
    trials: z.number().int(),
    /**
     * Per scenario: pass^k with its interval, each run's verdict by `s<seed>t<trial>`, and the checks
     * each run that did not pass failed (a baseline written before they were recorded has none).
     */
    scenarios: z.record(z.string(), z.object({ passK, runs: z.record(z.string(), z.enum(['pass', 'fail', 'error'])), failing: z.record(z.string(), z.array(z.string())).optional() }).strict()),
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
  for (const [scenario, pk] of [...passKs].sort(([a], [b]) => a.localeCompare(b))) {
    const mine = records.filter((r) => r.scenario === scenario);
    const failing = Object.fromEntries(mine.filter((r) => r.verdict !== 'pass').map((r) => [runKey(r), r.checks.filter(isProblem).map((c) => c.id)]));
    scenarios[scenario] = { passK: pk, runs: Object.fromEntries(mine.map((r) => [runKey(r), r.verdict])), ...(Object.keys(failing).length ? { failing } : {}) };
  }
  return { format: BASELINE_FORMAT, ...settings, scenarios };
}

/** Why the gate fails: a run that passed in the baseline and no longer does, or pass^k under the baseline's lower bound. */
export type Regression =
  | { kind: 'run'; scenario: string; seed: number; trial: number; check: string; message: string; replay: string }
  | { kind: 'pass^k'; scenario: string; k: number; now: number; lowerBound: number; failing: Array<{ check: string; replay: string }> };

/** `flipped`: runs that passed in the baseline and fail now when runs are not compared one by one (a sampled model). */
export type Comparison = { regressions: Regression[]; improved: string[]; unbaselined: string[]; flipped: string[] };

/**
 * `perRun: false` judges each scenario by its pass^k alone. With the live model every run is a
 * sample: a run that passed in the baseline and fails now is expected noise (at a pass rate of
 * 0.95, one run in twenty), so only a fall of pass^k below the baseline's interval is a regression;
 * the flipped runs are listed, not counted. Scripted and replayed runs are deterministic: any
 * flip is a change, and is one.
 */
export type CompareOptions = { perRun?: boolean };

/** A failure the config accepts: this scenario's check, and why. */
export type Accepted = { scenario: string; check: string; reason: string };

/**
 * Why a run that did not pass is no regression: the baseline has no such run yet; it failed in the
 * baseline on the same checks (or the baseline does not say which); or every check it fails now is
 * one it failed before or one the config accepts. Undefined when it is a regression (or passed).
 */
export function knownFailure(run: Pick<Record_, 'scenario' | 'seed' | 'trial' | 'checks'>, baseline: Baseline, accepted: readonly Accepted[]): string | undefined {
  const entry = baseline.scenarios[run.scenario];
  const before = entry?.runs[runKey(run)];
  if (before === undefined) return 'not in the baseline yet';
  const failedBefore = before === 'pass' ? [] : (entry?.failing?.[runKey(run)] ?? undefined);
  if (before !== 'pass' && failedBefore === undefined) return `it ${before === 'error' ? 'was an error' : 'failed'} in the baseline too`;
  const reasons = run.checks.filter(isProblem).map((c) => (failedBefore?.includes(c.id) ? `${c.id} failed in the baseline too` : acceptance(run.scenario, c.id, accepted)));
  if (!reasons.every(Boolean)) return undefined;
  // Nothing fails now that did not fail then (a run with no failed check recorded, as a lost run).
  if (!reasons.length) return before === 'pass' ? undefined : `it ${before === 'error' ? 'was an error' : 'failed'} in the baseline too`;
  return [...new Set(reasons.map((r) => (typeof r === 'string' ? r : `accepted: ${r?.check} (${r?.reason})`)))].join('; ');
}

const acceptance = (scenario: string, check: string, accepted: readonly Accepted[]) => accepted.find((a) => a.scenario === scenario && a.check === check);

function acceptedOnly(run: Pick<Record_, 'scenario' | 'checks'>, accepted: readonly Accepted[]): boolean {
  const problems = run.checks.filter(isProblem);
  return problems.length > 0 && problems.every((c) => acceptance(run.scenario, c.id, accepted));
}

export function compareWithBaseline(records: Record_[], baseline: Baseline, trials: number, accepted: readonly Accepted[] = [], { perRun = true }: CompareOptions = {}): Comparison {
  const regressions: Regression[] = [];
  const improved: string[] = [];
  const flipped: string[] = [];
  const firstFailing = (r: Record_) => r.checks.find(isProblem) ?? { id: '(none)', message: '' };
  for (const r of records) {
    const before = baseline.scenarios[r.scenario]?.runs[runKey(r)];
    // A run that failed before and now fails a check it did not fail then is a regression too.
    if (before !== undefined && r.verdict !== 'pass' && knownFailure(r, baseline, accepted) === undefined) {
      const check = firstFailing(r);
      if (perRun) regressions.push({ kind: 'run', scenario: r.scenario, seed: r.seed, trial: r.trial, check: check.id, message: check.message, replay: r.replay });
      else flipped.push(`${r.scenario} ${runKey(r)} (${check.id})`);
    }
    if (before && before !== 'pass' && r.verdict === 'pass') improved.push(`${r.scenario} ${runKey(r)}`);
  }
  const unbaselined: string[] = [];
  // A run that fails only accepted checks counts as passing for pass^k: accepting a check is accepting its runs.
  const judged = records.map((r) => (r.verdict !== 'pass' && acceptedOnly(r, accepted) ? { ...r, verdict: 'pass' as const } : r));
  for (const [scenario, now] of passKByScenario(judged, trials)) {
    const before = baseline.scenarios[scenario]?.passK;
    if (!before) {
      unbaselined.push(scenario);
      continue;
    }
    if (before.k === now.k && belowBaseline(now.passK, before.ci))
      regressions.push({
        kind: 'pass^k',
        scenario,
        k: now.k,
        now: now.passK,
        lowerBound: before.ci[0],
        failing: records
          .filter((r) => r.scenario === scenario && r.verdict !== 'pass')
          .slice(0, 3)
          .map((r) => ({ check: firstFailing(r).id, replay: r.replay })),
      });
  }
  return { regressions, improved, unbaselined, flipped };
}
