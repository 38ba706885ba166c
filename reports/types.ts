import type { HistoryEvent } from '../harness/history.ts';
import type { Results, StoredRun } from '../harness/runner/record.ts';

/**
 * What every report is rendered from: the results (as stored in results.json) and, on demand, the
 * history of a run. Histories are read lazily because a suite's can add up to gigabytes, and only
 * the HTML report reads any (those of the runs it draws a timeline for).
 */
export type ReportInput = {
  results: Results;
  /** The events of `run`'s history, or undefined when its file is missing or unreadable. */
  history(run: StoredRun): readonly HistoryEvent[] | undefined;
  /** What `faultline gate` decided, when the reports are a gate's: they are then shaped like the decision. */
  gate?: GateDecision;
};

/** A gate's verdict against its baseline, as its summary.md and junit.xml tell it. */
export type GateDecision = {
  passed: boolean;
  /** The gate's last line (`gate: FAILED — …`). */
  headline: string;
  regressions: Array<{ scenario: string; what: string; check: string; message: string; replay: string }>;
  /** Runs that failed in the baseline and pass now. */
  improved: string[];
  /** Lint findings in the deployment's prompt and tools, one line each. */
  lint: string[];
  /** Runs the suite asked for and judged nothing of (`dropped-ack seed 1 trial 2`). */
  missing: string[];
  /** Why a run that did not pass is not a regression (it failed in the baseline too; the config accepts its check), or undefined when it is one. */
  known(run: Pick<StoredRun, 'scenario' | 'seed' | 'trial' | 'checks'>): string | undefined;
};

/** The reporters `--reporter` accepts, in the order they are written. */
export const REPORTER_NAMES = ['html', 'md', 'csv', 'junit', 'json'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/**
 * A report writer: a pure function of the input to the text of one file (vitest's reporter map,
 * made smaller). The CLI redacts its output and writes it atomically to `out/file`.
 */
export type Reporter = {
  name: ReporterName;
  /** The file it writes, in the output folder. */
  file: string;
  description: string;
  render(input: ReportInput): string;
};
