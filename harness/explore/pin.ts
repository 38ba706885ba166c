import { basename, extname, join, relative } from 'node:path';
import type { Scenario } from '../../scenarios/schema.ts';
import { registryOf } from '../../scenarios/services.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { replayCommand } from '../runner/replay-command.ts';
import type { RunRecord } from '../runner/record.ts';
import { writeAtomic } from '../cli/files.ts';
import { caseScenario, type ExploreCase } from './fault-space.ts';

/** Where `faultline explore` pins counterexamples unless told otherwise. */
export const PINNED_DIR = 'evals/regression/pinned';

export type PinInput = {
  scenario: Scenario;
  /** How the user named the scenario (an id or a file), for the command that found it. */
  scenarioRef: string;
  agentRef: string;
  case: ExploreCase;
  record: RunRecord;
  seed: number;
  path: string;
  runs: number;
  personas?: boolean;
};

/**
 * The counterexample as a scenario of its own: the original with the shrunk faults (and persona)
 * and a new id, so it loads beside the built-in catalogue.
 */
function pinnedScenario(input: PinInput): Scenario {
  const base = caseScenario(input.scenario, input.case);
  return {
    ...base,
    id: pinnedId(input.scenario.id, input.agentRef, input.seed),
    title: `${input.scenario.title} (pinned counterexample for ${input.agentRef}, explore seed ${input.seed})`,
    source: { ...base.source, case: `${base.source.case}; counterexample pinned by faultline explore (seed ${input.seed}, path ${input.path})` },
  };
}

/** `dropped-ack-naive-s42`: the scenario, the agent and the seed that found it. */
function pinnedId(scenarioId: string, agentRef: string, seed: number): string {
  const agent =
    basename(agentRef, extname(agentRef))
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'agent';
  return `${scenarioId}-${agent}-s${seed}`.replace(/-+/g, '-');
}

/**
 * Writes the pinned scenario as an ES module whose default export is the scenario's data, so
 * `faultline run --scenario <file>` replays it; returns the file and its replay command.
 * Throws if the data would not validate (a pinned case that cannot replay is worth nothing).
 */
export function writePinned(input: PinInput, outDir: string): { file: string; replay: string } {
  const registry = registryOf(input.scenario);
  // A team's services are named from where the pinned file is: the files they were loaded from.
  const own = Object.keys(input.scenario.services).flatMap((id) => registry.get(id)?.file ?? []);
  const scenario = { ...pinnedScenario(input), ...(own.length ? { serviceFiles: own.map((f) => relative(outDir, f) || '.').map((f) => (f.startsWith('.') ? f : `./${f}`)) } : {}) };
  const file = join(outDir, `${scenario.id}.mjs`);
  const { problems } = validateScenario(scenario, file, registry);
  if (problems.length) throw new Error(`[faultline] explore: the pinned scenario does not validate:\n  ${problems.join('\n  ')}`);
  const replay = replayCommand(file, input.agentRef, input.seed, 1);
  writeAtomic(file, pinnedModule(scenario, input, replay));
  return { file, replay };
}

/**
 * What the header of a pinned file says: the checks that failed, the replay command's scenario,
 * agent and seed, and — once a change has made the pinned agent pass — what that change was.
 * `writePinned` writes all but that last line; whoever makes the fix adds it after the others and
 * keeps the file:
 *
 * ```
 * // Fixed: <one sentence: what changed>
 * ```
 *
 * A pin without it must still fail exactly its listed checks; a pin with it must now pass every
 * check — the regression test of the fix (test/harness/explore/pinned.test.ts).
 */
export type PinHeader = { failed: string[]; fixed?: string; scenarioRef: string; agentRef: string; seed: number };

/** Reads the header comment of a pinned file (the lines before its `export default`). */
export function readPinHeader(text: string): PinHeader {
  const header = text.slice(0, Math.max(0, text.indexOf('\nexport default')));
  const failed = [...header.matchAll(/^\/\/ {3}([a-z0-9-]+): /gm)].map((m) => m[1] as string);
  const replay = /^\/\/ Replay: npx faultline run --scenario (\S+) --agent (\S+) --seed (-?\d+)$/m.exec(header);
  if (!replay) throw new Error('[faultline] pinned file: no "// Replay: npx faultline run --scenario … --agent … --seed …" line before its export');
  const fixed = /^\/\/ Fixed: (.+)$/m.exec(header)?.[1]?.trim();
  return { failed, ...(fixed ? { fixed } : {}), scenarioRef: replay[1] as string, agentRef: replay[2] as string, seed: Number(replay[3]) };
}

function pinnedModule(scenario: Scenario, input: PinInput, replay: string): string {
  const failed = input.record.checks.filter((c) => c.verdict === 'fail').map((c) => `//   ${c.id}: ${oneLine(c.message)}`);
  return [
    `// A counterexample pinned by faultline explore: agent "${input.agentRef}" fails scenario "${input.scenario.id}" under these faults.`,
    `// Found by: npx faultline explore --scenario ${input.scenarioRef} --agent ${input.agentRef} --runs ${input.runs} --seed ${input.seed}${input.personas ? ' --personas' : ''}`,
    `// fast-check: { seed: ${input.seed}, path: "${input.path}" }`,
    '// Failed checks:',
    ...failed,
    `// Replay: ${replay}`,
    `export default ${JSON.stringify(scenario, null, 2)};`,
    '',
  ].join('\n');
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').slice(0, 300);
