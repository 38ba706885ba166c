import type { CheckResult } from '../../evals/checkers/types.ts';

export const RESULTS_FORMAT = 'faultline.results/1';

export type RunVerdict = 'pass' | 'fail' | 'error';

/**
 * How many of the scenario's declared faults (entries of `faults`) struck at least once in a run,
 * out of how many it declares. `struck: 0` marks a run in which the world was never faulted: its
 * primary check says `not-applicable` rather than pass or fail.
 */
export type FaultsStruck = { struck: number; declared: number };

type RunMetrics = {
  modelTurns: number;
  toolCalls: number;
  effects: number;
  virtualMs: number;
  wallMs: number;
  inputTokens: number;
  outputTokens: number;
};

/** One run's line in results.json. */
export type RunRecord = {
  scenario: string;
  agent: string;
  seed: number;
  trial: number;
  verdict: RunVerdict;
  checks: Array<{ id: string } & CheckResult>;
  metrics: RunMetrics;
  historyDigest: string;
  history: string;
  replay: string;
  /** Set when the scenario declares faults: how many of them struck in this run (see FaultsStruck). */
  faultsStruck?: FaultsStruck;
  /** The agent's own `name`, when it is not how the run asked for it (a module path): what reports call it. */
  agentName?: string;
  /** Set on a live run the budget cut short: it is left out of the results, and the suite stops. */
  interrupted?: 'budget';
  /** Set, with why, on a run that ended outside the runner (its worker died, or it was never run): nothing was judged, and the gate counts it as missing. */
  lost?: string;
  /**
   * Set when the worker wrote the history itself, to this file relative to the out folder
   * (runIsolated's `historiesTo`): `history` is then empty, and the record is redacted, as
   * results.json stores it (reports/json.ts, storeRecord).
   */
  historyFile?: string;
};

/** A run as stored in results.json: its history lives in its own file under histories/. */
export type StoredRun = Omit<RunRecord, 'history'> & { historyFile: string };

/** pass^k of one scenario × agent when runs were repeated (`--trials k`): τ-bench's estimate with a 95 % interval. */
export type PassKSummary = { scenario: string; agent: string; k: number; runs: number; passed: number; passK: number; ci: [number, number] };

export type Results = { format: typeof RESULTS_FORMAT; createdBy: string; runs: StoredRun[]; passK?: PassKSummary[] };

/** The worst verdict wins: any failed check fails the run; a check that could not decide makes it an error. */
export function verdictOf(checks: CheckResult[]): RunVerdict {
  if (checks.some((c) => c.verdict === 'fail')) return 'fail';
  if (checks.some((c) => c.verdict === 'unknown')) return 'error';
  return 'pass';
}
