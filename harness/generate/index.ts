import { join } from 'node:path';
import { defineScenario } from '../../scenarios/define.ts';
import type { ScenarioInput } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { isSkip, type Case, type Skip } from './case.ts';
import { effectCases } from './cases-effect.ts';
import { coercionCases, readableTools, runawayCase, unknownToolCase } from './cases-deployment.ts';
import { readCases } from './cases-read.ts';
import { loadDeployment, type Deployment } from './deployment.ts';
import { planCalls, type Plans } from './plan.ts';
import { renderCase } from './render.ts';

export type GenerateOptions = {
  /** The tools module, as `faultline lint --tools` reads it. */
  toolsFile: string;
  /** The team's service modules (defineService, fromMswHandlers); the built-in services are always there. */
  serviceFiles: readonly string[];
  /** Where the files will be written: imports and `serviceFiles` are relative to it. */
  outDir: string;
  seed: number;
  /** What each file's header says wrote it (default `faultline generate`): `faultline init` writes one case with it. */
  command?: string;
};

/** One file of the matrix: its name in the output folder, its source, and what case it is. */
export type GeneratedFile = { name: string; id: string; summary: string; source: string; warning?: string };

export type Generated = { deployment: Deployment; files: GeneratedFile[]; skipped: Skip[] };

/**
 * The fault matrix of a deployment, as scenario files (nothing is written here): each effectful
 * tool × a reply lost after commit and a 5xx after commit; each read tool × reordered parallel
 * replies, transient 429/503 with Retry-After, a permanent 404, a slow reply and a changed
 * response shape; each numeric argument × a string for it; one call of an unknown tool and one
 * runaway loop. Arguments are planned from the input schemas and the example world (plan.ts);
 * cases that cannot work for this deployment are returned in `skipped`, each with why. Every file
 * is validated as `faultline run` would before it is returned. Same options, same files, byte for byte.
 *
 * @example const { files, skipped } = await generate({ toolsFile: 'tools.ts', serviceFiles: ['services/shop.ts'], outDir: 'scenarios/generated', seed: 1 });
 */
export async function generate(options: GenerateOptions): Promise<Generated> {
  const deployment = await loadDeployment(options.toolsFile, options.serviceFiles);
  const { seed } = options;
  const plans = new Map<string, Plans>();
  const cases: Array<Case | Skip> = [];
  for (const tool of deployment.tools) {
    const planned = await planCalls(deployment, tool, seed);
    plans.set(tool.name, planned);
    cases.push(...(tool.effect === 'read' ? await readCases(deployment, tool, planned, seed) : await effectCases(deployment, tool, planned, seed)));
    cases.push(...(await coercionCases(deployment, tool, planned, seed)));
  }
  const readable = await readableTools(deployment, plans, seed);
  cases.push(unknownToolCase(deployment, readable), runawayCase(readable));

  const files: GeneratedFile[] = [];
  const ids = new Set<string>();
  for (const item of cases.filter((c): c is Case => !isSkip(c))) {
    let id = item.scenario.id;
    for (let n = 2; ids.has(id); n++) id = `${item.scenario.id}-${n}`;
    ids.add(id);
    const name = `${id}.ts`;
    const { source, scenario } = renderCase(deployment, { ...item, scenario: { ...item.scenario, id } }, options.outDir, seed, options.command);
    const { problems } = validateScenario(defineScenario(scenario as ScenarioInput), join(options.outDir, name), deployment.registry);
    if (problems.length) throw new Error(`[faultline] generate wrote a scenario faultline would refuse (a bug in generate):\n  ${problems.join('\n  ')}`);
    files.push({ name, id, summary: item.summary, source, ...(item.warning ? { warning: item.warning } : {}) });
  }
  return { deployment, files, skipped: cases.filter(isSkip) };
}
