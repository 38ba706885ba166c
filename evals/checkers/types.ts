import type { HistoryEvent } from '../../harness/history.ts';
import type { Scenario } from '../../scenarios/schema.ts';

/**
 * `not-applicable`: the run gave the check nothing to judge (no tool call failed, no reply was
 * cut…), said with why; it neither passes nor fails a run. `unknown`: the check could not decide
 * (it crashed, or the run was not judged), which makes the run an error.
 */
export type Verdict = 'pass' | 'fail' | 'not-applicable' | 'unknown';
export type CheckResult = { verdict: Verdict; message: string; evidence?: unknown };

/** A pure function of the scenario and the recorded history (Jepsen's `check`). */
export type Checker = {
  id: string;
  description: string;
  check(scenario: Scenario, events: readonly HistoryEvent[]): CheckResult;
};

export const pass = (message: string, evidence?: unknown): CheckResult => ({ verdict: 'pass', message, evidence });
export const fail = (message: string, evidence?: unknown): CheckResult => ({ verdict: 'fail', message, evidence });
export const notApplicable = (why: string): CheckResult => ({ verdict: 'not-applicable', message: `nothing to judge: ${why}` });

/** Whether a check's verdict is a problem of the run: it failed, or could not decide. */
export const isProblem = (check: { verdict: Verdict }): boolean => check.verdict === 'fail' || check.verdict === 'unknown';

/** Runs a checker; one that throws yields `unknown`, never `pass`. */
export function runChecker(checker: Checker, scenario: Scenario, events: readonly HistoryEvent[]): CheckResult {
  try {
    return checker.check(scenario, events);
  } catch (error) {
    return { verdict: 'unknown', message: `checker crashed: ${(error as Error).message}` };
  }
}
