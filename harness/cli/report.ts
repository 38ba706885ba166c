import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { parseResults } from '../../reports/schema.ts';
import { parseReporters, renderReports, reporters, type ReporterName, type ReportInput } from '../../reports/index.ts';
import { UsageError } from '../errors.ts';
import { parseHistory, type HistoryEvent } from '../history.ts';
import { storeRecords } from '../../reports/json.ts';
import type { GateDecision } from '../../reports/types.ts';
import type { PassKSummary, Results, RunRecord, StoredRun } from '../runner/record.ts';
import type { ShardInfo } from './shard.ts';
import { checkOutDir, writeAtomic } from './files.ts';
import { removeStaleHistories } from './histories.ts';

/** What `faultline report` writes when `--reporter` is not given: the two a person reads. */
export const REPORT_DEFAULT_REPORTERS = 'html,md';

export const reportHelp = `faultline report — render reports again from a saved results.json

Usage: faultline report <results.json> [--reporter html,md,csv,junit,json] [--out DIR]

  --reporter LIST   which reports to write (default ${REPORT_DEFAULT_REPORTERS}):
                      html   report.html   ${reporters.html.description}
                      md     summary.md    ${reporters.md.description}
                      csv    results.csv   ${reporters.csv.description}
                      junit  junit.xml     ${reporters.junit.description}
                      json   results.json  ${reporters.json.description}
  --out DIR         where to write them (default: the folder of results.json)

Histories are read from each run's historyFile, relative to results.json; a missing one only
leaves that run's timeline out. Every report is written whole or not at all.

Exit code: 0 the reports were written, 2 bad input (not a results file, another format version, an unknown reporter).`;

/** `faultline report <results.json> [--reporter …] [--out DIR]`. */
export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { reporter: { type: 'string', default: REPORT_DEFAULT_REPORTERS }, out: { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (console.log(reportHelp), 0);
  if (positionals.length !== 1) throw new UsageError(`give one results file (as faultline run writes it, e.g. faultline-out/results.json); got ${positionals.length}`);
  const names = parseReporters(values.reporter);
  const file = positionals[0] as string;
  const { input, missing } = loadResults(file, values.out);
  // The folder of results.json, the default, was written by faultline run; a folder given is checked.
  if (values.out !== undefined) checkOutDir('--out', values.out);
  const written = writeReports(input, names, values.out ?? dirname(file));
  if (missing.length) console.error(`[faultline] report: ${missing.length} history file(s) could not be read, so their runs have no timeline; first: ${missing[0]}`);
  console.log(`faultline report: ${input.results.runs.length} run(s) from ${file}\n${written.map((w) => `  ${w}`).join('\n')}`);
  return 0;
}

/**
 * Reads and validates a results file, with a loader for the histories beside it. When the reports
 * go to another folder (`out`), each run's historyFile is rewritten relative to it, so links and a
 * re-written results.json still find the files.
 */
export function loadResults(file: string, out?: string): { input: ReportInput; missing: string[] } {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file; expected a results.json written by faultline run`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); expected a results.json written by faultline run`);
  }
  const parsed = parseResults(text, file);
  const base = dirname(resolve(file));
  const paths = new Map<StoredRun, string>();
  const runs = parsed.runs.map((run) => {
    const path = resolve(base, run.historyFile);
    const moved = out === undefined || resolve(out) === base ? run : { ...run, historyFile: relative(resolve(out), path).split(sep).join('/') };
    paths.set(moved, path);
    return moved;
  });
  const missing: string[] = [];
  const results: Results = { ...parsed, runs };
  const history = historyLoader((run) => paths.get(run), missing);
  return { input: { results, history }, missing };
}

/**
 * Reads saved histories for the reports: a file that cannot be read (gone, or in an older history
 * format) leaves its run without a timeline and goes into `unreadable`, the first with why, so the
 * fix is plain. `gone: false` leaves out files that do not exist (a caller that already said so).
 */
export function historyLoader(pathOf: (run: StoredRun) => string | undefined, unreadable: string[], { gone = true } = {}): (run: StoredRun) => readonly HistoryEvent[] | undefined {
  return (run) => {
    const path = pathOf(run);
    if (path === undefined) return undefined;
    try {
      return parseHistory(readFileSync(path, 'utf8'));
    } catch (error) {
      if (gone || (error as NodeJS.ErrnoException).code !== 'ENOENT') unreadable.push(`${path}${unreadable.length ? '' : `: ${(error as Error).message}`}`);
      return undefined;
    }
  };
}

/**
 * Renders every report first, then writes each atomically (a temp file and a rename): a crash
 * while rendering writes nothing, and an interrupted write never leaves half a report where a good
 * one was. Returns the paths written, in `names`' order, results.json last.
 */
export function writeReports(input: ReportInput, names: readonly ReporterName[], out: string): string[] {
  const ordered = [...names.filter((n) => n !== 'json'), ...names.filter((n) => n === 'json')];
  const texts = renderReports(ordered, input);
  const rendered = ordered.map((name, i) => ({ path: join(out, reporters[name].file), text: texts[i] as string }));
  for (const { path, text } of rendered) writeAtomic(path, text);
  return rendered.map((r) => r.path);
}

/**
 * Each run's history to its own JSONL file under `out`, then the reports (results.json last);
 * returns the report paths. A history its worker wrote already (a record with `historyFile`, in
 * the folder `staged`: runIsolated's `historiesTo`) is moved into place.
 */
export function writeRecords(out: string, records: RunRecord[], names: readonly ReporterName[], { staged, ...extra }: { passK?: PassKSummary[]; shard?: ShardInfo; staged?: string } = {}, gate?: GateDecision): string[] {
  const { results: stored, histories } = storeRecords(records);
  for (const { file, text } of histories.values()) writeAtomic(join(out, file), text);
  if (staged !== undefined)
    moveStaged(
      staged,
      out,
      stored.runs.filter((run) => !histories.has(run)),
    );
  // A history its worker wrote (historyFile on the record) is read back only for a report that shows it.
  const history = (run: StoredRun) => {
    const text = histories.get(run)?.text ?? readFileSync(join(out, run.historyFile), 'utf8');
    return parseHistory(text);
  };
  const written = writeReports({ results: { ...stored, ...extra }, history, ...(gate ? { gate } : {}) }, names, out);
  removeStaleHistories(
    out,
    stored.runs.map((run) => run.historyFile),
  );
  return written;
}

/** The history files workers wrote to `staged` (a folder of the suite's own inside `out`), renamed into `out`. */
function moveStaged(staged: string, out: string, runs: readonly StoredRun[]): void {
  if (runs.length) mkdirSync(join(out, 'histories'), { recursive: true });
  for (const run of runs) renameSync(join(staged, run.historyFile), join(out, run.historyFile));
}
