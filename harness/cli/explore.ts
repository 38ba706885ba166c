import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadCatalogue } from '../../scenarios/index.ts';
import { resolveScenarios } from '../../scenarios/load-file.ts';
import { loadAgent } from '../agents/load.ts';
import { UsageError } from '../errors.ts';
import { explore, type ExploreResult } from '../explore/explore.ts';
import { describeSpace } from '../explore/fault-space.ts';
import { PINNED_DIR, writePinned } from '../explore/pin.ts';
import { parseReportersWithJson } from '../../reports/index.ts';
import { checkOutDir } from './files.ts';
import { writeRecords } from './report.ts';

export const exploreHelp = `faultline explore — search a scenario's fault space for a schedule that breaks an agent

  --scenario id|path      one scenario: an id (see faultline list) or a .ts/.mts/.js/.mjs scenario file
  --agent name|path       one agent: naive, hardened, sdk-tool-runner, ai-sdk, mcp-agent, or a module whose default export is an Agent
  --runs N                cases to try (default 100); cases a check cannot judge are skipped and do not count
  --seed S                fast-check's seed and the world's seed of every run (default: a random one, printed)
  --out DIR               where a counterexample is pinned as a scenario file (default ${PINNED_DIR})
  --personas              also vary the model's persona among those that fit: diligent and retrier stand in for each other
  --reporter LIST         also write reports of the shrunk counterexample's run: html, md, csv, junit, json
  --reports-out DIR       where those reports go (default faultline-out)

Each case is one run, in this process, of the scenario with its faults drawn from their space: the
requests each fault strikes (an explicit when.strike list, never more than the declared schedule
could strike), its numbers within sane ranges, its statuses within the declared retry class, whether
a lost call committed, the arrival order of a parallel batch. The property: no check fails. The
first case that breaks it is shrunk to a minimal one, printed, and pinned as a scenario file that
faultline run replays.

Exit code: 0 no counterexample, 1 a counterexample was found (and pinned), 2 bad input.`;

export async function exploreCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      agent: { type: 'string' },
      runs: { type: 'string', default: '100' },
      seed: { type: 'string' },
      out: { type: 'string', default: PINNED_DIR },
      personas: { type: 'boolean', default: false },
      reporter: { type: 'string' },
      'reports-out': { type: 'string', default: 'faultline-out' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return (console.log(exploreHelp), 0);
  const scenarioRef = one('--scenario', values.scenario, 'a scenario id or file');
  const agentRef = one('--agent', values.agent, 'naive, hardened, sdk-tool-runner, ai-sdk, mcp-agent or a module path');
  const runs = integer('--runs', values.runs, 1, 1_000_000);
  // fast-check seeds are 32-bit: a wider one would be cut and no longer replay what it says.
  const seed = values.seed === undefined ? randomInt(1, 2 ** 31 - 1) : integer('--seed', values.seed, -(2 ** 31), 2 ** 31 - 1);

  const catalogue = loadCatalogue();
  const scenario = (await resolveScenarios([scenarioRef], catalogue)).get(scenarioRef);
  if (!scenario) throw new UsageError(`--scenario: "${scenarioRef}" did not resolve`);
  const agent = await loadAgent(agentRef);
  const personas = values.personas;
  const reporterNames = values.reporter === undefined ? [] : parseReportersWithJson(values.reporter);
  // A counterexample can take minutes to find: where it goes is judged first.
  checkOutDir('--out', values.out, PINNED_DIR);
  if (reporterNames.length) checkOutDir('--reports-out', values['reports-out']);

  console.log(`faultline explore: scenario ${scenario.id} × agent ${agentRef}, ${runs} case(s), seed ${seed}`);
  console.log(`fault space:\n  ${describeSpace(scenario, { personas }).join('\n  ')}`);
  const started = performance.now();
  const result = await explore({ scenario, agent, agentRef, runs, seed, personas });
  const wall = `${result.executed} run(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`;

  if (result.outcome === 'held') {
    const skipped = result.skipped ? `, ${result.skipped} more skipped: a check could not judge them` : '';
    console.log(`\nheld: no counterexample in ${result.cases} case(s)${skipped} (${wall})`);
    return 0;
  }
  if (result.outcome === 'inconclusive')
    throw new UsageError(`--scenario: no case could be judged: in ${result.skipped} case(s) some check of ${scenario.id} could not judge the run (unknown) and none failed; ` + 'the fault space never exercises what the checks look at');
  console.log(report(result, wall));
  const { file, replay } = writePinned({ scenario, scenarioRef, agentRef, case: result.case, record: result.record, seed, path: result.path, runs, personas }, values.out);
  console.log(`\npinned: ${file}\nreplay: ${replay}`);
  // The reports show the pinned run: its replay command is the pinned file's.
  if (reporterNames.length) console.log(`reports: ${writeRecords(values['reports-out'], [{ ...result.record, replay }], reporterNames).join(', ')}`);
  return 1;
}

function report(result: Extract<ExploreResult, { outcome: 'counterexample' }>, wall: string): string {
  const failed = result.record.checks.filter((c) => c.verdict === 'fail');
  const skipped = result.skipped ? ` (${result.skipped} before it skipped: a check could not judge them)` : '';
  return [
    `\ncounterexample: case ${result.cases + result.skipped} failed${skipped}; shrunk in ${result.shrinks} step(s) (${wall})`,
    `faults: ${faultsJson(result.case.faults)}`,
    `persona: ${result.case.persona}`,
    ...failed.map((c) => `failed: ${c.id}: ${c.message}`),
    `fast-check: { seed: ${result.seed}, path: "${result.path}" }`,
  ].join('\n');
}

function one(flag: string, text: string | undefined, what: string): string {
  const value = text?.trim();
  if (!value) throw new UsageError(`${flag}: missing; give ${what}`);
  if (value.includes(',')) throw new UsageError(`${flag}: "${value}": explore takes one, not a list`);
  return value;
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\s*-?\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag}: "${text}" is not an integer in [${min}, ${max}]`);
  return n;
}

/** The faults array as JSON, one fault a line: pasteable into a scenario's `faults`. */
const faultsJson = (faults: unknown[]) => (faults.length ? `[\n${faults.map((f) => `  ${JSON.stringify(f)}`).join(',\n')}\n]` : '[]');
