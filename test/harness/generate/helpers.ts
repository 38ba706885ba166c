import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Agent } from '../../../harness/agents/types.ts';
import { generate, type GenerateOptions, type Generated } from '../../../harness/generate/index.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import { runOne } from '../../../harness/runner/run-one.ts';
import { resolveScenarios } from '../../../scenarios/load-file.ts';
import type { Scenario } from '../../../scenarios/schema.ts';
import { catalogue } from '../../helpers.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A team's project in a temporary folder, with faultline in its node_modules (so a generated file's
 * `import { defineScenario } from 'faultline'` resolves as it would in the team's repository).
 * Returns the folder to generate into.
 */
export function projectOut(): string {
  const root = mkdtempSync(join(tmpdir(), 'faultline-generate-'));
  mkdirSync(join(root, 'node_modules'));
  symlinkSync(REPO, join(root, 'node_modules', 'faultline'), 'dir');
  return join(root, 'scenarios');
}

/** Generates the matrix, writes its files and loads them back as `faultline run --scenario` does (which validates every one). */
export async function generateAndLoad(options: Omit<GenerateOptions, 'outDir'>): Promise<{ generated: Generated; scenarios: Scenario[] }> {
  const outDir = projectOut();
  const generated = await generate({ ...options, outDir });
  mkdirSync(outDir);
  for (const file of generated.files) writeFileSync(join(outDir, file.name), file.source);
  const loaded = await resolveScenarios(
    generated.files.map((f) => join(outDir, f.name)),
    catalogue,
  );
  return { generated, scenarios: [...loaded.values()] };
}

/** Each scenario run with `agent` for each seed, in this process, one after another. */
export async function runMatrix(scenarios: Scenario[], agent: Agent, name: string, seeds: number[]): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  for (const scenario of scenarios) for (const seed of seeds) records.push(await runOne({ scenario, agent, agentRef: name, seed, trial: 1 }));
  return records;
}

/** Each scenario run with `agent` seed after seed until its primary check fails (a negative control needs one failing seed). */
export async function runUntilPrimaryFails(scenarios: Scenario[], agent: Agent, name: string, seeds: number[]): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  for (const scenario of scenarios)
    for (const seed of seeds) {
      const record = await runOne({ scenario, agent, agentRef: name, seed, trial: 1 });
      records.push(record);
      if (record.checks.find((c) => c.id === scenario.primaryCheck)?.verdict === 'fail') break;
    }
  return records;
}

/** One line per scenario: how each seed's primary check and the run went (`fail/fail`), for a table in the test's output. */
export function table(scenarios: Scenario[], records: RunRecord[]): string {
  return scenarios
    .map((s) => {
      const runs = records.filter((r) => r.scenario === s.id);
      const primary = runs.map((r) => r.checks.find((c) => c.id === s.primaryCheck)?.verdict).join('/');
      const others = [...new Set(runs.flatMap((r) => r.checks.filter((c) => c.id !== s.primaryCheck && c.verdict === 'fail').map((c) => c.id)))];
      return `  ${s.id.padEnd(42)} ${s.primaryCheck.padEnd(22)} ${primary}${others.length ? `   also failed: ${others.join(', ')}` : ''}`;
    })
    .join('\n');
}

/** Whether a run held every check the way the hardened control must: the primary check and the goal pass, the others pass or had nothing to judge. */
export function heldEverything(record: RunRecord, scenario: Scenario): string[] {
  return record.checks.filter((c) => !(c.verdict === 'pass' || (c.verdict === 'not-applicable' && c.id !== scenario.primaryCheck && c.id !== 'goal'))).map((c) => `${scenario.id} seed ${record.seed}: ${c.id} ${c.verdict}: ${c.message}`);
}
