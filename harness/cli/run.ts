import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseReportersWithJson } from '../../reports/index.ts';
import { loadCatalogue } from '../../scenarios/index.ts';
import { isScenarioFile, resolveScenarios } from '../../scenarios/load-file.ts';
import { checkAgent, isAgentModule } from '../agents/load.ts';
import { BUNDLED_AGENT_NAMES } from '../agents/names.ts';
import { UsageError } from '../errors.ts';
import { TIMER_MS_LIMIT, TIMER_MS_MAX } from '../timer-ms.ts';
import { checkOutDir } from './files.ts';
import { colorEnabled } from './color.ts';
import { checkCassettes, concurrencyFor, liveSummary, modelHelp, modelMode, modelOptions } from './model-flags.ts';
import { passKLine, passKSummary } from './pass-k.ts';
import { PROGRESS_HELP, runWithProgress } from './progress.ts';
import { refuseRepeats } from './repeats.ts';
import { parseShard, shardOf } from './shard.ts';
import type { RunRequest } from '../runner/supervisor.ts';
import { writeRecords } from './report.ts';
import { summary } from './summary.ts';

/** The reports `faultline run` writes unless told otherwise; results.json is always written besides. */
export const RUN_DEFAULT_REPORTERS = 'html,md';

export const runHelp = `faultline run — run scenarios against agents in the simulated world

  --scenario id|path[,…]  scenarios to run: ids (see faultline list) or .ts/.mts/.js/.mjs files whose default export is
                          defineScenario({…}) (default: the whole catalogue)
  --services path[,…]     modules of your own simulated services (defineService) that scenario files may name, besides
                          the serviceFiles each scenario lists (what a gate's config calls services)
  --agent name|path[,…]   bundled runtimes (${BUNDLED_AGENT_NAMES.join(', ')}) or modules whose default export is an
                          Agent (default: every bundled runtime)
  --seeds N               run seeds 1..N (default 1)
  --seed S                run one seed (what a replay command uses)
  --trial T               the trial number, for replaying a trial > 1 (default 1)
  --trials K              run every seed K times (trials 1..K, later ones with derived seeds); prints pass^K per
                          scenario × agent with a 95 % interval and stores it in results.json as passK
  --out DIR               where results.json, histories/ and the reports go (default faultline-out)
  --reporter LIST         reports to write besides results.json (default ${RUN_DEFAULT_REPORTERS}): html (report.html),
                          md (summary.md), csv (results.csv), junit (junit.xml), json (results.json, always written);
                          faultline report re-renders them later from results.json
  --wall-timeout-ms MS    wall time after which an agent that blocks the process is ended (default 20000; live: 900000)
${modelHelp}
  --shard k/n             run only shard k of n: every n-th run of the suite from the k-th, so n CI machines share it;
                          faultline merge puts the shards' --out folders together into the whole suite's reports

${PROGRESS_HELP}

Exit code: 0 every check held, 1 a check failed, 2 bad input.`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      agent: { type: 'string', default: BUNDLED_AGENT_NAMES.join(',') },
      seeds: { type: 'string' },
      seed: { type: 'string' },
      trial: { type: 'string' },
      trials: { type: 'string' },
      out: { type: 'string', default: 'faultline-out' },
      'wall-timeout-ms': { type: 'string' },
      concurrency: { type: 'string' },
      ...modelOptions,
      reporter: { type: 'string', default: RUN_DEFAULT_REPORTERS },
      shard: { type: 'string' },
      services: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return (console.log(runHelp), 0);
  if (values.seeds !== undefined && values.seed !== undefined) throw new UsageError('--seeds and --seed: give one or the other');
  const seeds = values.seed !== undefined ? [integer('--seed', values.seed, -(2 ** 31))] : range(integer('--seeds', values.seeds ?? '1', 1, MAX_RUNS));
  if (values.trial !== undefined && values.trials !== undefined) throw new UsageError('--trial and --trials: give one or the other');
  const trials = values.trials !== undefined ? range(integer('--trials', values.trials, 1, MAX_RUNS)) : [integer('--trial', values.trial ?? '1', 1)];
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  // results.json is what faultline report, the gate and every replay start from: always written.
  const reporterNames = parseReportersWithJson(values.reporter);

  const catalogue = loadCatalogue();
  const scenarioRefs = values.scenario === undefined ? [...catalogue.keys()] : nonEmpty('--scenario', values.scenario);
  refuseRepeats('--scenario', scenarioRefs, isScenarioFile);
  const agentRefs = nonEmpty('--agent', values.agent);
  refuseRepeats('--agent', agentRefs, isAgentModule);
  // Ids and scenario files (.ts, .mts, .js, .mjs), mixed; every file is validated before anything runs.
  const serviceFiles = values.services === undefined ? [] : list(values.services);
  const scenarios = await resolveScenarios(scenarioRefs, catalogue, serviceFiles);
  const scenarioIds = [...scenarios.keys()];
  for (const ref of agentRefs) await checkAgent(ref);
  const mode = modelMode(values, scenarios.values());
  // Simulated runs are CPU-bound and independent: one worker per core. Live runs wait on the network.
  const concurrency = concurrencyFor(values.concurrency, mode);
  // The watchdog ends a run that blocks its worker; a live run waits on the real API for minutes.
  const wallTimeoutMs = integer('--wall-timeout-ms', values['wall-timeout-ms'] ?? (mode.kind === 'live' ? '900000' : '20000'), 1);
  // The watchdog is a timer: a longer timeout would fire after 1 ms and end every run as a spin.
  if (wallTimeoutMs > TIMER_MS_MAX) throw new UsageError(`--wall-timeout-ms: ${wallTimeoutMs} is too large: ${TIMER_MS_LIMIT}`);
  // Last of the checks, so a mistake elsewhere leaves no folder behind; before the suite, so a bad one costs no run.
  checkOutDir('--out', values.out);

  const size = scenarioIds.length * agentRefs.length * seeds.length * trials.length;
  if (size > MAX_RUNS) throw new UsageError(`a suite of ${size} runs is more than ${MAX_RUNS}; give fewer seeds, trials, scenarios or agents`);
  const suite: RunRequest[] = scenarioIds.flatMap((scenario) => agentRefs.flatMap((agent) => seeds.flatMap((seed) => trials.map((trial) => ({ scenario, agent, seed, trial })))));
  const trialsText = trials.length > 1 ? ` × ${trials.length} trials` : '';
  const requests = shard ? shardOf(suite, shard) : suite;
  const shardText = shard ? `; shard ${shard.index}/${shard.count}: ${requests.length} of them` : '';
  console.log(`faultline run: ${scenarioIds.length} scenario(s) × ${agentRefs.length} agent(s) × ${seeds.length} seed(s)${trialsText} = ${suite.length} runs${shardText}`);
  checkCassettes(mode, requests, scenarios);
  // Workers write the histories themselves and send back only records: into a folder of the suite's
  // own, moved into place with the results, so an interrupted suite leaves --out as it was.
  const staged = join(values.out, `histories.${process.pid}.tmp`);
  try {
    const ran = await runWithProgress(requests, scenarios, { wallTimeoutMs, ...(concurrency ? { concurrency } : {}), model: mode, scenarioFiles: scenarioIds.filter(isScenarioFile), serviceFiles, historiesTo: staged });
    // A run the budget cut short judged nothing: it is reported as a count, not as a result.
    const records = ran.filter((r) => !r.interrupted);
    // A shard holds only some trials of a seed: faultline merge computes pass^k over all of them.
    const passK = trials.length > 1 && !shard ? passKSummary(records, trials.length) : undefined;
    // A shard records its split, so faultline merge can put the suite back in its order.
    const written = writeRecords(values.out, records, reporterNames, { ...(passK && { passK }), ...(shard && { shard: { ...shard, suiteRuns: suite.length } }), staged });
    console.log(summary(records, values.out, written, { color: colorEnabled(process.stdout) }));
    for (const p of passK ?? []) console.log(passKLine(p));
    if (shard) console.log(`shard ${shard.index}/${shard.count}: faultline merge the ${shard.count} shards' --out folders for the whole suite's reports${trials.length > 1 ? ' and pass^k' : ''}`);
    const live = liveSummary(mode, ran, requests.length);
    if (live) console.log(live);
    return records.some((r) => r.verdict !== 'pass') || records.length < ran.length ? 1 : 0;
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

// A suite is held in memory, its records too: a million runs is far beyond any CI job (the main job is 1 680).
const MAX_RUNS = 1_000_000;

function integer(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag}: "${text}" is not an integer ≥ ${min}`);
  if (n > max) throw new UsageError(`${flag}: ${text} is more than ${max}`);
  return n;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** A flag's comma-separated list, which must name something: an empty one would run nothing and exit 0. */
function nonEmpty(flag: string, text: string): string[] {
  const items = list(text);
  if (!items.length) throw new UsageError(`${flag}: "${text}" names nothing; give one or more, separated by commas`);
  return items;
}
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
