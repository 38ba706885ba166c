import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { historyFileOf } from '../../reports/json.ts';
import { parseReportersWithJson } from '../../reports/index.ts';
import { UsageError } from '../errors.ts';
import { RESULTS_FORMAT, type Results, type StoredRun } from '../runner/record.ts';
import { colorEnabled } from './color.ts';
import { checkOutDir, writeAtomic } from './files.ts';
import { removeStaleHistories } from './histories.ts';
import { passKLine, passKSummary, trialsOf } from './pass-k.ts';
import { historyLoader, loadResults, writeReports } from './report.ts';
import { RUN_DEFAULT_REPORTERS } from './run.ts';
import { joinShards, shardInfoSchema, type ShardInfo } from './shard.ts';
import { summary } from './summary.ts';

export const mergeHelp = `faultline merge — combine the results of several runs (the shards of one suite) into one set of reports

Usage: faultline merge DIR… [--out DIR] [--reporter LIST]

  DIR…              output folders of faultline run (each holds a results.json; a results.json path works too)
  --out DIR         where the merged results.json, histories/ and reports go (default faultline-out)
  --reporter LIST   reports to write besides results.json (default ${RUN_DEFAULT_REPORTERS}), as faultline run takes them

Shards (faultline run --shard k/n) are put back in the order one unsharded run would have written,
and must all be there, each once, from one split. Folders of whole runs are concatenated in the order
given. A run (scenario, agent, seed, trial) in two folders is refused. pass^k is computed again over
all runs when every seed ran the same trials, several of them. The merged results.json is what one
unsharded run writes, but for createdBy and wall times.

Exit code: 0 every run passed, 1 a run did not pass, 2 bad input (a missing or invalid results file,
a duplicate run, a missing shard).`;

type Input = { name: string; file: string; base: string; runs: StoredRun[]; shard?: ShardInfo };

/** `faultline merge DIR… [--out DIR] [--reporter LIST]`. */
export async function mergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: 'string', default: 'faultline-out' }, reporter: { type: 'string', default: RUN_DEFAULT_REPORTERS }, help: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (console.log(mergeHelp), 0);
  if (!positionals.length) throw new UsageError('give the output folders of the runs to merge, e.g. faultline merge shard-1 shard-2 --out merged');
  const names = parseReportersWithJson(values.reporter);
  // Every input is read and judged before anything is written.
  const inputs = positionals.map(readInput);
  refuseDuplicates(inputs);
  const owners = new Map(inputs.flatMap((input) => input.runs.map((run) => [run, input] as const)));
  const runs = joinShards(inputs.map((i) => ({ ...i, items: i.runs })));
  checkOutDir('--out', values.out);

  const missing = copyHistories(runs, owners, values.out);
  const k = trialsOf(runs);
  if (k === undefined && new Set(runs.map((r) => r.trial)).size > 1) console.error('[faultline] merge: pass^k not computed: the seeds did not all run the same trials');
  const passK = k === undefined ? undefined : passKSummary(runs, k);
  // historyFile last, where storeRecords puts it (the schema's parse moved it), so the file is line for line what run writes.
  const merged = runs.map(({ historyFile: _, ...run }) => ({ ...run, historyFile: historyFileOf(run) }));
  const results: Results = { format: RESULTS_FORMAT, createdBy: 'faultline merge', runs: merged, ...(passK && { passK }) };
  // Files that are gone are counted by copyHistories; one that is there and cannot be read says why.
  const unreadable: string[] = [];
  const history = historyLoader((run) => join(values.out, run.historyFile), unreadable, { gone: false });
  const written = writeReports({ results, history }, names, values.out);
  removeStaleHistories(
    values.out,
    merged.map((run) => run.historyFile),
  );

  const shards = inputs[0]?.shard ? ` (shards 1–${inputs[0].shard.count} of ${inputs[0].shard.count})` : '';
  console.log(`faultline merge: ${runs.length} run(s) from ${inputs.length} folder(s)${shards}`);
  if (missing.length) console.error(`[faultline] merge: ${missing.length} history file(s) could not be read, so their runs have no timeline; first: ${missing[0]}`);
  if (unreadable.length) console.error(`[faultline] merge: ${unreadable.length} history file(s) could not be read, so their runs have no timeline; first: ${unreadable[0]}`);
  console.log(summary(merged, values.out, written, { color: colorEnabled(process.stdout) }));
  for (const p of passK ?? []) console.log(passKLine(p));
  return runs.some((r) => r.verdict !== 'pass') ? 1 : 0;
}

/** A folder's results.json (or the file itself), validated as faultline report validates it. */
function readInput(name: string): Input {
  const file = name.endsWith('.json') ? name : join(name, 'results.json');
  const { results } = loadResults(file).input;
  const shard = (results as Results & { shard?: unknown }).shard;
  const parsed = shardInfoSchema.optional().safeParse(shard);
  if (!parsed.success) throw new UsageError(`${file}: shard: ${JSON.stringify(shard)} is not { index, count, suiteRuns } as faultline run --shard writes it`);
  return { name, file: resolve(file), base: dirname(resolve(file)), runs: results.runs, ...(parsed.data && { shard: parsed.data }) };
}

function refuseDuplicates(inputs: readonly Input[]): void {
  const folders = new Map<string, string>();
  for (const { name, file } of inputs) {
    if (folders.has(file)) throw new UsageError(`${folders.get(file)} and ${name} are the same results; give each folder once`);
    folders.set(file, name);
  }
  const seen = new Map<string, string>();
  for (const { name, runs } of inputs)
    for (const run of runs) {
      const key = `${run.scenario} × ${run.agent} seed ${run.seed} trial ${run.trial}`;
      const other = seen.get(key);
      if (other !== undefined) throw new UsageError(`the run ${key} is in both ${other} and ${name}; merge each run once (shards of one split never share a run)`);
      seen.set(key, name);
    }
}

/**
 * Copies each run's history to its usual place under `out`, atomically as every report is written; returns the sources that could not be read, which leave their runs without
 * a timeline, as in faultline report.
 */
function copyHistories(runs: readonly StoredRun[], owners: Map<StoredRun, Input>, out: string): string[] {
  const missing: string[] = [];
  for (const run of runs) {
    const source = resolve((owners.get(run) as Input).base, run.historyFile);
    const target = resolve(out, historyFileOf(run));
    if (source === target) continue;
    if (!existsSync(source)) {
      missing.push(source);
      continue;
    }
    writeAtomic(target, readFileSync(source));
  }
  return missing;
}
