import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BASELINE_FORMAT, baselineSchema, buildBaseline, compareWithBaseline, passKByScenario, type Baseline, type Regression } from '../../evals/baseline.ts';
import { loadCatalogue } from '../../scenarios/index.ts';
import { formatFinding, lintArtifacts, type Finding } from '../lint/index.ts';
import { loadTools, readText } from '../lint/load.ts';
import { isScenarioFile, resolveScenarios } from '../../scenarios/load-file.ts';
import { loadAgent } from '../agents/load.ts';
import { loadConfig } from '../config.ts';
import { UsageError } from '../errors.ts';
import { parseReportersWithJson } from '../../reports/index.ts';
import { writeAtomic } from './files.ts';
import { passKSummary } from './pass-k.ts';
import { writeRecords } from './report.ts';
import { checkCassettes } from './model-flags.ts';
import type { ModelMode } from '../live/session.ts';
import { PROGRESS_HELP, runWithProgress } from './progress.ts';

export const gateHelp = `faultline gate — run the suite faultline.config.ts declares and compare it with the committed baseline

  --config FILE        the config module (default faultline.config.ts)
  --update-baseline    write the baseline from this run instead of comparing (review the diff, then commit it)
  --reporter LIST      also write the suite's reports: html, md, csv, junit, json (results.json is written with any of them)
  --out DIR            where those reports and histories go (default faultline-out)

A regression is a run (scenario, seed, trial) that passed in the baseline and no longer does, or a
scenario whose pass^k (k = trials) fell below the baseline's lower bound. Each is printed with the
check that failed and the command that replays it. When the config names the deployment's prompt
and tools (lint: { prompt, tools }), they are linted first and any finding fails the gate too.
${PROGRESS_HELP}
Exit code: 0 no regression, 1 a regression, 2 bad input (config, baseline, scenario or agent).`;

export async function gateCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string', default: 'faultline.config.ts' }, 'update-baseline': { type: 'boolean' }, reporter: { type: 'string' }, out: { type: 'string', default: 'faultline-out' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) return (console.log(gateHelp), 0);
  const reporterNames = values.reporter === undefined ? [] : parseReportersWithJson(values.reporter);
  const config = await loadConfig(values.config);
  const baselineFile = resolve(dirname(config.file), config.baseline);
  const shown = relative(process.cwd(), baselineFile);
  // Judge every input before the first run: a bad baseline must not cost a whole suite.
  const baseline = values['update-baseline'] ? undefined : readBaseline(baselineFile, shown);
  const catalogue = loadCatalogue();
  const scenarios = await resolveScenarios(config.scenarios === 'all' ? [...catalogue.keys()] : config.scenarios, catalogue);
  await loadAgent(config.agent);
  const findings = config.lint ? await lint(config.lint, dirname(config.file)) : [];

  const refs = [...scenarios.keys()];
  const requests = refs.flatMap((scenario) => range(config.seeds).flatMap((seed) => range(config.trials).map((trial) => ({ scenario, agent: config.agent, seed, trial }))));
  console.log(`faultline gate: ${config.agent}${config.replay ? ' (replaying recorded cassettes)' : ''} over ${refs.length} scenario(s) × ${config.seeds} seed(s) × ${config.trials} trial(s) = ${requests.length} runs`);
  const model: ModelMode = config.replay
    ? { kind: 'replay', cassettes: relative(process.cwd(), resolve(dirname(config.file), config.replay.cassettes)), ...(config.replay.modelName ? { modelName: config.replay.modelName } : {}) }
    : { kind: 'scripted' };
  checkCassettes(model, requests, scenarios);
  const records = await runWithProgress(requests, scenarios, { wallTimeoutMs: config.wallTimeoutMs, model, scenarioFiles: refs.filter(isScenarioFile) });
  if (reporterNames.length) {
    const written = writeRecords(values.out, records, reporterNames, config.trials > 1 ? { passK: passKSummary(records, config.trials) } : {});
    console.log(`reports: ${written.join(', ')}`);
  }

  if (!baseline) {
    const next = buildBaseline(records, { agent: config.agent, seeds: config.seeds, trials: config.trials });
    // One line per scenario's runs keeps the file short and its diffs readable.
    writeAtomic(baselineFile, `${JSON.stringify(next, null, 2).replace(/"runs": \{[^}]*\}/g, (runs) => runs.replace(/\s*\n\s*/g, ' '))}\n`);
    console.log(`baseline written to ${shown}: ${describe(Object.values(next.scenarios).map((s) => s.passK))}`);
    return 0;
  }
  const { regressions, improved, unbaselined } = compareWithBaseline(records, baseline, config.trials);
  for (const finding of findings) console.log(formatFinding(finding));
  if (baseline.agent !== config.agent) console.log(`note: the baseline was written for ${baseline.agent}, this run is ${config.agent}`);
  if (unbaselined.length) console.log(`note: no baseline yet for ${unbaselined.join(', ')} (run faultline gate --update-baseline to add it)`);
  if (improved.length) console.log(`improved since the baseline (${improved.length}): ${improved.slice(0, 10).join(', ')}${improved.length > 10 ? ', …' : ''}`);
  for (const line of regressions.flatMap(report)) console.log(line);
  const regressed = new Set(regressions.map((r) => r.scenario));
  const failures = [
    ...(regressions.length ? [`${regressions.length} regression(s) in ${regressed.size} scenario(s): ${[...regressed].join(', ')}`] : []),
    ...(findings.length ? [`${findings.length} lint finding(s) in the deployment's prompt and tools`] : []),
  ];
  console.log(failures.length ? `gate: FAILED — ${failures.join('; ')}` : `gate: passed — no regression against ${shown} (${describe(passKByScenario(records, config.trials).values())})${config.lint ? ', no lint finding' : ''}`);
  return failures.length ? 1 : 0;
}

/** The deployment's prompt and tools, linted as `faultline lint` would (paths relative to the config). */
async function lint(artifacts: { prompt: string; tools: string }, base: string): Promise<Finding[]> {
  const [promptFile, toolsFile] = [artifacts.prompt, artifacts.tools].map((p) => relative(process.cwd(), resolve(base, p))) as [string, string];
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
  if (!parsed.success) throw new UsageError(`${shown}: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}; rewrite it with faultline gate --update-baseline`);
  return parsed.data;
}

function report(r: Regression): string[] {
  if (r.kind === 'run') return [`REGRESSED ${r.scenario} seed ${r.seed} trial ${r.trial}: ${r.check} — ${r.message}`, `  replay: ${r.replay}`];
  return [
    `REGRESSED ${r.scenario}: pass^${r.k} = ${r.now}, below the baseline's lower bound ${r.lowerBound}`,
    ...r.failing.map((f) => `  ${f.check} failed; replay: ${f.replay}`),
  ];
}

function describe(passKs: Iterable<{ k: number; passK: number }>): string {
  const all = [...passKs];
  const mean = all.reduce((s, p) => s + p.passK, 0) / Math.max(1, all.length);
  return `mean pass^${all[0]?.k ?? 1} ${mean.toFixed(3)} over ${all.length} scenario(s)`;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
