import { dirname, isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../harness/errors.ts';
import { importUserModule } from '../harness/modules.ts';
import { loadServices } from '../harness/services/registry.ts';
import { builtInFile } from './built-in.ts';
import type { Scenario } from './schema.ts';
import { validateScenario } from './validate.ts';

/** A `--scenario` entry is a path to a user's scenario module when it ends in .ts, .mts, .js or .mjs; otherwise an id. */
export const isScenarioFile = (ref: string): boolean => /\.(m?ts|m?js)$/.test(ref);

/**
 * Loads one user scenario module (its default export is `defineScenario({…})`) and validates it
 * against the built-in services, the team's `serviceFiles` (paths from wherever faultline runs: a
 * config's `services`) and the scenario's own `serviceFiles` (paths from the scenario's file).
 * Returns the scenario, or every problem, each as `file: path: message` with the file as given.
 */
export async function loadScenarioFile(ref: string, serviceFiles: readonly string[] = []): Promise<{ scenario?: Scenario; problems: string[] }> {
  const loaded = await importUserModule(ref);
  if (loaded.problem !== undefined) return { problems: [`${ref}: ${loaded.problem}`] };
  const module = loaded.module;
  if (module.default === undefined) return { problems: [`${ref}: (root): no default export; end the file with export default defineScenario({ … })`] };
  const listed = (module.default as { serviceFiles?: unknown }).serviceFiles;
  const own = Array.isArray(listed) ? listed.filter((f): f is string => typeof f === 'string').map((f) => (isAbsolute(f) ? f : join(dirname(ref), f))) : [];
  const { registry, problems } = await loadServices([...serviceFiles, ...own]);
  // A problem of a service file the scenario names says so: where it was named, then what is wrong.
  if (problems.length) return { problems: problems.map((p) => (own.some((f) => p.startsWith(`${f}:`)) ? `${ref}: serviceFiles: ${p}` : p)) };
  return validateScenario(module.default, ref, registry);
}

/**
 * Resolves `--scenario` entries, ids and files mixed, to scenarios keyed by the entry as given.
 * Loads every file before judging, then throws one UsageError listing every problem in every
 * file (and every unknown id), including a file whose id is already a built-in scenario's or another file's.
 */
export async function resolveScenarios(refs: string[], catalogue: Map<string, Scenario>, serviceFiles: readonly string[] = []): Promise<Map<string, Scenario>> {
  const resolved = new Map<string, Scenario>();
  const problems: string[] = [];
  const fileOfId = new Map<string, string>();
  for (const ref of refs) {
    if (resolved.has(ref)) continue;
    if (!isScenarioFile(ref)) {
      const scenario = catalogue.get(ref);
      if (scenario) resolved.set(ref, scenario);
      else problems.push(`unknown scenario "${ref}". Known: ${[...catalogue.keys()].join(', ')}; or give a path to a .ts, .mts, .js or .mjs scenario file`);
      continue;
    }
    const { scenario, problems: found } = await loadScenarioFile(ref, serviceFiles);
    problems.push(...found);
    if (!scenario) continue;
    const builtIn = catalogue.get(scenario.id);
    if (builtIn) {
      problems.push(`${ref}: id: "${scenario.id}" clashes with the built-in scenario "${builtIn.id}" (${builtInFile(builtIn.id) ?? 'the catalogue'}); give your scenario another id`);
      continue;
    }
    const other = fileOfId.get(scenario.id);
    if (other !== undefined && resolve(other) !== resolve(ref)) {
      problems.push(`${ref}: id: "${scenario.id}" clashes with the scenario in ${other}; give one of them another id`);
      continue;
    }
    fileOfId.set(scenario.id, ref);
    resolved.set(ref, scenario);
  }
  if (problems.length) throw new UsageError(`--scenario: invalid scenario${problems.length > 1 ? 's' : ''}, nothing was run:\n  ${problems.join('\n  ')}`);
  return resolved;
}
