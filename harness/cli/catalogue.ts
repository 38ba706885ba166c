import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { catalogueTable, replaceTable } from '../../reports/catalogue-table.ts';
import { loadCatalogue } from '../../scenarios/index.ts';
import { BUNDLED_AGENT_NAMES } from '../agents/names.ts';
import { UsageError } from '../errors.ts';
import { writeAtomic } from './files.ts';
import { PROGRESS_HELP, runWithProgress } from './progress.ts';

export const catalogueHelp = `faultline catalogue — run the built-in catalogue against the bundled runtimes and print its table

  --seeds N        seeds 1..N per scenario and runtime (default 20)
  --write FILE     put the table between the catalogue-table markers of FILE (the README) instead of printing it

The table lists each scenario with what goes wrong, its checks, its source, and the runs per runtime
that passed every check.
${PROGRESS_HELP}
Exit code: 0 (the table is a report; the pass rates are its content), 2 bad input.`;

export async function catalogueCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { seeds: { type: 'string', default: '20' }, write: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
  if (values.help) return (console.log(catalogueHelp), 0);
  const seeds = Number(values.seeds);
  if (!Number.isInteger(seeds) || seeds < 1) throw new UsageError(`--seeds: "${values.seeds}" is not an integer ≥ 1`);
  // Read the target first: a missing file or missing markers must fail before minutes of runs.
  const document = values.write === undefined ? undefined : read(values.write);
  if (document !== undefined) replace(values.write as string, document, '');

  const catalogue = loadCatalogue();
  const agents = [...BUNDLED_AGENT_NAMES];
  const requests = [...catalogue.keys()].flatMap((scenario) => agents.flatMap((agent) => Array.from({ length: seeds }, (_, i) => ({ scenario, agent, seed: i + 1, trial: 1 }))));
  const records = await runWithProgress(requests, catalogue, { wallTimeoutMs: 20_000 });
  // A table counts passes: a run nothing judged would count as a runtime's failure, silently.
  const lost = records.filter((r) => r.lost);
  if (lost.length) {
    console.error(`[faultline] catalogue: ${lost.length} run(s) were lost (first: ${lost[0]?.scenario} × ${lost[0]?.agent} seed ${lost[0]?.seed}: ${lost[0]?.lost}); no table written`);
    return 1;
  }
  const table = catalogueTable([...catalogue.values()], records, agents);
  if (document === undefined) return (console.log(table), 0);
  writeAtomic(values.write as string, replace(values.write as string, document, table));
  console.log(`faultline catalogue: ${records.length} runs; the table in ${values.write} is up to date`);
  return 0;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--write ${file}: cannot read it (${(error as NodeJS.ErrnoException).code})`);
  }
}

function replace(file: string, document: string, table: string): string {
  try {
    return replaceTable(document, table);
  } catch (error) {
    throw new UsageError(`--write ${file}: ${(error as Error).message}; add them where the table should go`);
  }
}
