import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BASELINE_FORMAT, baselineSchema, buildBaseline, compareWithBaseline, knownFailure, passKByScenario, type Baseline, type Regression } from '../../evals/baseline.ts';
import { testedNothing } from '../../reports/matrix.ts';
import type { GateDecision } from '../../reports/types.ts';
import { checkers } from '../../evals/checkers/index.ts';
import { loadCatalogue } from '../../scenarios/index.ts';
import { formatFinding, lintArtifacts, type Finding } from '../lint/index.ts';
import { loadTools, readText } from '../lint/load.ts';
import { isScenarioFile, resolveScenarios } from '../../scenarios/load-file.ts';
import { checkAgent, isAgentModule } from '../agents/load.ts';
import { fromConfig, loadConfig, type Config } from '../config.ts';
import { UsageError } from '../errors.ts';
import { parseReportersWithJson } from '../../reports/index.ts';
import { checkOutDir, writeAtomic } from './files.ts';
import { passKSummary } from './pass-k.ts';
import { writeRecords } from './report.ts';
import { refuseRepeats } from './repeats.ts';
import { checkCassettes, concurrencyFor, liveSummary } from './model-flags.ts';
import { gateModel, gateModelHelp, gateModelOptions, modelText, replayBlockNote, replayGate } from './gate-model.ts';
import { parseDetect, powerGuidance, powerTable, type BaselinePassK } from './power.ts';
import type { RunRecord } from '../runner/record.ts';
import type { RunRequest } from '../runner/supervisor.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { PROGRESS_HELP, runWithProgress } from './progress.ts';

export const gateHelp = `faultline gate — run the suite faultline.config.ts declares and compare it with the committed baseline

  --config FILE        the config module (default faultline.config.ts)
  --update-baseline    write the baseline from this run instead of comparing (review the diff, then commit it)
  --reporter LIST      also write the suite's reports: html, md, csv, junit, json (results.json is written with any of them)
  --out DIR            where those reports and histories go (default faultline-out)
${gateModelHelp}
  --detect D           the fall of pass^k a live gate must detect (e.g. 0.2; default: the config's detect): with
                       --model live the gate says per scenario whether its seeds suffice and how many would
  --power              print how many seeds × trials detect a fall of pass^k of 0.1, 0.2, 0.3 (or --detect) and exit

A regression is a run (scenario, seed, trial) that passed in the baseline and no longer does (not
with --model live: a sampled model's run is judged with its scenario's), or a scenario whose pass^k
(k = trials) fell below the baseline's lower bound. Each is printed with the
check that failed and the command that replays it. When the config names the deployment's prompt
and tools (lint: { prompt, tools }), they are linted first and any finding fails the gate too. Every
path in the config (agent module, scenario files, baseline, lint, replay.cassettes) is relative to the
config file's folder. A run the suite has no judged record for (it never ran, its worker died, or
the live budget ran out before it finished) fails the gate too.
${PROGRESS_HELP}
Exit code: 0 no regression, 1 a regression, 2 bad input (config, baseline, scenario, agent or flag).`;

export async function gateCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', default: 'faultline.config.ts' },
      'update-baseline': { type: 'boolean' },
      reporter: { type: 'string' },
      out: { type: 'string', default: 'faultline-out' },
      ...gateModelOptions,
      concurrency: { type: 'string' },
      detect: { type: 'string' },
      power: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return (console.log(gateHelp), 0);
  const detectFlag = values.detect === undefined ? undefined : parseDetect(values.detect);
  if (values.power) return (console.log(powerTable(detectFlag === undefined ? undefined : [detectFlag])), 0);
  const record = values.record === true;
  const reporterNames = values.reporter === undefined ? [] : parseReportersWithJson(values.reporter);
  const config = await loadConfig(values.config);
  const { baselineFile, shown, baseline, scenarios, agent, findings } = await judgeInputs(config, values.config, values['update-baseline'] === true || record);
  const model = gateModel(values, config, scenarios);
  const concurrency = concurrencyFor(values.concurrency, model);
  if (reporterNames.length) checkOutDir('--out', values.out);

  const refs = [...scenarios.keys()];
  const requests = refs.flatMap((scenario) => range(config.seeds).flatMap((seed) => range(config.trials).map((trial) => ({ scenario, agent, seed, trial }))));
  console.log(`faultline gate: ${agent}${modelText(model, record)} over ${refs.length} scenario(s) × ${config.seeds} seed(s) × ${config.trials} trial(s) = ${requests.length} runs`);
  // A real model is sampled: say what this many seeds can detect, before a live suite costs anything.
  // Scripted and replayed runs are compared run by run, where one flipped run already fails the gate.
  const detect = detectFlag ?? config.detect;
  const guide = (passKs: Map<string, BaselinePassK>) => {
    if (model.kind === 'live') for (const line of powerGuidance(passKs, { seeds: config.seeds, trials: config.trials, ...(detect !== undefined ? { detect } : {}) })) console.log(line);
  };
  if (baseline)
    guide(
      baselinePassK(
        baseline,
        [...scenarios.values()].map((s) => s.id),
        config.trials,
      ),
    );
  checkCassettes(model, requests, scenarios);
  const serviceFiles = config.services.map((file) => fromConfig(config, file));
  // A live run waits on the real API, for minutes when the scenario's faults do.
  const wallTimeoutMs = config.wallTimeoutMs ?? (model.kind === 'live' ? 900_000 : 20_000);
  const ran = await runWithProgress(requests, scenarios, { wallTimeoutMs, model, ...(concurrency ? { concurrency } : {}), scenarioFiles: refs.filter(isScenarioFile), serviceFiles });
  // A run the budget cut short judged nothing: it counts as missing, so the gate fails and writes no baseline.
  const records = ran.filter((r) => !r.interrupted);
  const live = liveSummary(model, ran, requests.length);
  if (live) console.log(live);
  const missing = missingRuns(requests, records, scenarios);
  // pass^k needs every trial of a seed: with runs missing, the reports hold only the runs that came back.
  const writeReports = (decision?: GateDecision) => {
    if (!reporterNames.length) return;
    const written = writeRecords(values.out, records, reporterNames, config.trials > 1 && !missing.length ? { passK: passKSummary(records, config.trials) } : {}, decision);
    console.log(`reports: ${written.join(', ')}`);
  };
  // A gate that fails before comparing says so in its reports too, baseline or not: summary.md and
  // junit.xml must not read as a pass above a job that failed.
  const failed = (headline: string, lost: string[]): GateDecision => ({
    passed: false,
    headline,
    regressions: [],
    improved: [],
    lint: findings.map(formatFinding),
    missing: lost,
    known: (run) => (baseline ? knownFailure(run, baseline, config.accept) : undefined),
  });
  // A run with no record was never judged: a gate over fewer runs than it asked for proves nothing.
  if (missing.length) {
    const outcome = baseline ? 'nothing was compared' : 'the baseline was not written';
    const headline = `gate: FAILED — ${missing.length} of ${requests.length} run(s) missing: the suite judged nothing for them (first: ${missing[0]}); ${outcome}`;
    writeReports(failed(headline, missing));
    console.log(headline);
    return 1;
  }

  // A suite in which no fault of any scenario struck the agent tested nothing: it neither passes nor makes a baseline.
  const untestedIds = untested(records);
  if (records.length > 0 && untestedIds.size === new Set(records.map((r) => r.scenario)).size) {
    const headline = `gate: FAILED — nothing was tested: no fault of any of the ${untestedIds.size} scenario(s) struck ${config.agent} (does it reach its tools the way the scenarios serve them, over HTTP or MCP?)`;
    writeReports(failed(headline, []));
    console.log(headline);
    return 1;
  }
  if (!baseline) {
    writeReports();
    const next = buildBaseline(records, { agent: config.agent, seeds: config.seeds, trials: config.trials });
    // One line per scenario's runs keeps the file short and its diffs readable.
    writeAtomic(baselineFile, `${JSON.stringify(next, null, 2).replace(/"runs": \{[^}]*\}/g, (runs) => runs.replace(/\s*\n\s*/g, ' '))}\n`);
    console.log(
      `baseline written to ${shown}: ${describe(
        Object.entries(next.scenarios).map(([id, s]) => [id, s.passK]),
        untestedIds,
      )}`,
    );
    guide(baselinePassK(next, Object.keys(next.scenarios), config.trials));
    if (model.kind === 'live') {
      console.log(`recorded ${records.length} cassette(s) in ${model.cassettes}/; judge from them with: ${replayGate(model, config, values.config)}`);
      const note = replayBlockNote(model, config, values.config);
      if (note) console.log(note);
    }
    return 0;
  }
  const { regressions, improved, unbaselined, flipped } = compareWithBaseline(records, baseline, config.trials, config.accept, { perRun: model.kind !== 'live' });
  for (const finding of findings) console.log(formatFinding(finding));
  if (baseline.agent !== config.agent) console.log(`note: the baseline was written for ${baseline.agent}, this run is ${config.agent}`);
  if (unbaselined.length) console.log(`note: no baseline yet for ${unbaselined.join(', ')} (run faultline gate --update-baseline to add it)`);
  if (flipped.length)
    console.log(
      `note: ${flipped.length} run(s) fail a check they did not fail in the baseline (${flipped.slice(0, 5).join(', ')}${flipped.length > 5 ? ', …' : ''}); with the live model each run is a sample, so only a fall of pass^k is a regression`,
    );
  if (improved.length) console.log(`improved since the baseline (${improved.length}): ${improved.slice(0, 10).join(', ')}${improved.length > 10 ? ', …' : ''}`);
  for (const line of regressions.flatMap(report)) console.log(line);
  const regressed = new Set(regressions.map((r) => r.scenario));
  const failures = [
    ...(regressions.length ? [`${regressions.length} regression(s) in ${regressed.size} scenario(s): ${[...regressed].join(', ')}`] : []),
    ...(findings.length ? [`${findings.length} lint finding(s) in the deployment's prompt and tools`] : []),
  ];
  const headline = failures.length ? `gate: FAILED — ${failures.join('; ')}` : `gate: passed — no regression against ${shown} (${describe(passKByScenario(records, config.trials), untestedIds)})${config.lint ? ', no lint finding' : ''}`;
  writeReports({
    passed: !failures.length,
    headline,
    regressions: regressions.map(asReported),
    improved,
    lint: findings.map(formatFinding),
    missing: [],
    known: (run) => knownFailure(run, baseline, config.accept),
  });
  console.log(headline);
  return failures.length ? 1 : 0;
}

/**
 * Every input, judged before the first run (a bad baseline must not cost a whole suite). Every path
 * in the config is relative to its folder; each is named as one would type it in the current
 * folder, so the runs, the messages and every replay command work from here.
 */
async function judgeInputs(config: Config, configArg: string, updateBaseline: boolean) {
  const baselineFile = resolve(dirname(config.file), config.baseline);
  const shown = fromConfig(config, config.baseline);
  const baseline = updateBaseline ? undefined : readBaseline(baselineFile, shown);
  const catalogue = loadCatalogue();
  if (config.scenarios !== 'all') refuseRepeats(`${configArg}: scenarios`, config.scenarios, isScenarioFile, dirname(config.file));
  const refs = config.scenarios === 'all' ? [...catalogue.keys()] : config.scenarios.map((ref) => (isScenarioFile(ref) ? fromConfig(config, ref) : ref));
  const scenarios = await resolveScenarios(
    refs,
    catalogue,
    config.services.map((file) => fromConfig(config, file)),
  );
  const ids = [...scenarios.values()].map((s) => s.id);
  config.accept.forEach((a, i) => {
    if (!ids.includes(a.scenario)) throw new UsageError(`${configArg}: accept.${i}.scenario: "${a.scenario}" is not in the suite (${ids.join(', ')}); name one of its scenarios, or remove the entry`);
    if (!Object.hasOwn(checkers, a.check)) throw new UsageError(`${configArg}: accept.${i}.check: unknown checker "${a.check}"; known: ${Object.keys(checkers).join(', ')}`);
  });
  const agent = isAgentModule(config.agent) ? fromConfig(config, config.agent) : config.agent;
  await checkAgent(agent);
  const findings = config.lint ? await lint(config.lint, config) : [];
  // pass^k of another k says nothing about this one: comparing them would judge nothing, and pass.
  if (baseline && baseline.trials !== config.trials)
    throw new UsageError(
      `${shown}: written with trials ${baseline.trials}, and ${configArg} asks for trials ${config.trials}: pass^${config.trials} cannot be compared with pass^${baseline.trials}. Write the baseline again with these trials (faultline gate --update-baseline, or --record with the live model), or set trials back to ${baseline.trials}`,
    );
  return { baselineFile, shown, baseline, scenarios, agent, findings };
}

/** The deployment's prompt and tools, linted as `faultline lint` would (paths relative to the config). */
async function lint(artifacts: { prompt: string; tools: string }, config: Config): Promise<Finding[]> {
  const [promptFile, toolsFile] = [artifacts.prompt, artifacts.tools].map((p) => fromConfig(config, p)) as [string, string];
  const prompt = readText('lint.prompt', promptFile);
  const { tools, source } = await loadTools(toolsFile);
  return lintArtifacts({ prompt, promptFile, tools, toolsFile, toolsSource: source });
}

function readBaseline(file: string, shown: string): Baseline {
  if (!existsSync(file)) throw new UsageError(`${shown}: no baseline. Create it with faultline gate --update-baseline, review it, and commit it`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${shown}: not JSON (${(error as Error).message}); restore it from git or rewrite it with faultline gate --update-baseline`);
  }
  const format = (data as { format?: unknown } | null)?.format;
  if (format !== BASELINE_FORMAT) throw new UsageError(`${shown}: format ${JSON.stringify(format)}, expected "${BASELINE_FORMAT}"; rewrite it with faultline gate --update-baseline`);
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success)
    throw new UsageError(
      `${shown}: ${parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}; rewrite it with faultline gate --update-baseline`,
    );
  // Nothing to regress from: every agent would pass against it.
  if (!Object.keys(parsed.data.scenarios).length) throw new UsageError(`${shown}: scenarios: lists no scenario, so any agent would pass against it; rewrite it with faultline gate --update-baseline, review it, and commit it`);
  return parsed.data;
}

/** Each run asked for that has no record, or a lost one (`dropped-ack seed 1 trial 2`), in suite order. */
function missingRuns(requests: RunRequest[], records: RunRecord[], scenarios: Map<string, Scenario>): string[] {
  const key = (scenario: string, r: { seed: number; trial: number }) => `${scenario} seed ${r.seed} trial ${r.trial}`;
  // A lost run (its worker died, or it never ran) came back as a record, but nothing judged it.
  const recorded = new Set(records.filter((r) => !r.lost).map((r) => key(r.scenario, r)));
  return requests.map((r) => key(scenarios.get(r.scenario)?.id ?? r.scenario, r)).filter((k) => !recorded.has(k));
}

/** A regression as the gate's reports list it; a fall of pass^k has no one run to replay. */
function asReported(r: Regression): GateDecision['regressions'][number] {
  if (r.kind === 'run') return { scenario: r.scenario, what: `seed ${r.seed} trial ${r.trial}`, check: r.check, message: r.message, replay: r.replay };
  const message = `pass^${r.k} = ${r.now}, below the baseline's lower bound ${r.lowerBound}${r.failing.length ? `; failing: ${r.failing.map((f) => `${f.check} (${f.replay})`).join(', ')}` : ''}`;
  return { scenario: r.scenario, what: `pass^${r.k}`, check: 'pass^k', message, replay: '' };
}

function report(r: Regression): string[] {
  if (r.kind === 'run') return [`REGRESSED ${r.scenario} seed ${r.seed} trial ${r.trial}: ${r.check} — ${r.message}`, `  replay: ${r.replay}`];
  return [`REGRESSED ${r.scenario}: pass^${r.k} = ${r.now}, below the baseline's lower bound ${r.lowerBound}`, ...r.failing.map((f) => `  ${f.check} failed; replay: ${f.replay}`)];
}

/** Each scenario's pass^k in a baseline and its lower bound, for those of the suite measured with k = trials (others are not compared). */
function baselinePassK(baseline: Baseline, ids: string[], trials: number): Map<string, BaselinePassK> {
  return new Map(
    ids.flatMap((id) => {
      const pk = baseline.scenarios[id]?.passK;
      return pk && pk.k === trials ? [[id, { p0: pk.passK, floor: pk.ci[0] }] as const] : [];
    }),
  );
}

/** The mean pass^k over the scenarios that tested the agent; those in which no fault ever struck it are named apart, not counted as passes. */
function describe(passKs: Iterable<readonly [string, { k: number; passK: number }]>, untestedIds: ReadonlySet<string>): string {
  const all = [...passKs].filter(([id]) => !untestedIds.has(id)).map(([, p]) => p);
  const mean = all.reduce((s, p) => s + p.passK, 0) / Math.max(1, all.length);
  const none = untestedIds.size ? `; n/a, no fault of theirs struck it: ${[...untestedIds].join(', ')}` : '';
  return `mean pass^${all[0]?.k ?? 1} ${mean.toFixed(3)} over ${all.length} scenario(s)${none}`;
}

/**
 * The scenarios of which every run passed with none of their faults struck (an agent that calls its
 * tools over HTTP in a scenario served over MCP): they tested nothing, as the summary's n/a says.
 */
function untested(records: readonly RunRecord[]): Set<string> {
  const tested = new Set(records.filter((r) => !testedNothing(r)).map((r) => r.scenario));
  return new Set(records.map((r) => r.scenario).filter((id) => !tested.has(id)));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
