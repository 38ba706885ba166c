import type { HistoryEvent } from '../../harness/history.ts';
import type { Scenario } from '../../scenarios/schema.ts';

export type Verdict = 'pass' | 'fail' | 'unknown';
export type CheckResult = { verdict: Verdict; message: string; evidence?: unknown };

/** A pure function of the scenario and the recorded history (Jepsen's `check`). */
export type Checker = {
  id: string;
  description: string;
  check(scenario: Scenario, events: readonly HistoryEvent[]): CheckResult;
};

export const pass = (message: string, evidence?: unknown): CheckResult => ({ verdict: 'pass', message, evidence });
export const fail = (message: string, evidence?: unknown): CheckResult => ({ verdict: 'fail', message, evidence });

/** Runs a checker; one that throws yields `unknown`, never `pass`. */
export function runChecker(checker: Checker, scenario: Scenario, events: readonly HistoryEvent[]): CheckResult {
  try {
    return checker.check(scenario, events);
  } catch (error) {
    return { verdict: 'unknown', message: `checker crashed: ${(error as Error).message}` };
  }
}
