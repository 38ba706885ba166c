import { join } from 'node:path';
import { digest } from '../harness/history.ts';
import { RESULTS_FORMAT, type Results, type RunRecord, type StoredRun } from '../harness/runner/record.ts';
import { redactDeep, redactHistory } from './redact.ts';
import type { Reporter } from './types.ts';

/** Where a run's history goes, relative to results.json: `histories/<scenario>__<agent>__s<seed>[_t<trial>].jsonl`. */
export function historyFileOf(run: Pick<RunRecord, 'scenario' | 'agent' | 'seed' | 'trial'>): string {
  return join('histories', `${run.scenario}__${run.agent.replace(/[^\w.-]+/g, '_')}__s${run.seed}${run.trial > 1 ? `_t${run.trial}` : ''}.jsonl`)
    .split('\\')
    .join('/');
}

/**
 * Splits the runner's records into what results.json holds and the history file of each run.
 * Both are redacted (reports/redact.ts); when that changes a history, its digest is taken again,
 * so `historyDigest` is always the sha256 of the file beside it.
 */
export function storeRecords(records: readonly RunRecord[], createdBy = 'faultline run'): { results: Results; histories: Map<StoredRun, { file: string; text: string }> } {
  const histories = new Map<StoredRun, { file: string; text: string }>();
  const runs = records.map((record) => {
    // Stored by its worker already (storeRecord): the history is in its file, the record as results.json keeps it.
    if (record.historyFile !== undefined) {
      const { history: _, ...run } = record;
      return run as StoredRun;
    }
    const { run, text } = storeRecord(record);
    histories.set(run, { file: run.historyFile, text });
    return run;
  });
  return { results: { format: RESULTS_FORMAT, createdBy, runs }, histories };
}

/** One record as results.json stores it, and the text of its history file: both redacted, the digest that of the file. */
export function storeRecord({ history, ...record }: RunRecord): { run: StoredRun; text: string } {
  const text = redactHistory(history);
  const run: StoredRun = { ...redactDeep(record), historyDigest: text === history ? record.historyDigest : digest(text), historyFile: historyFileOf(record) };
  return { run, text };
}

/** results.json: the results as they are, two-space indented. */
export const jsonReporter: Reporter = {
  name: 'json',
  file: 'results.json',
  description: `every run's record (format ${RESULTS_FORMAT}); what faultline report and the gate read`,
  render: ({ results }) => `${JSON.stringify(results, null, 2)}\n`,
};
