import { UsageError } from '../harness/errors.ts';
import { builtIn } from './built-in.ts';
import type { Scenario } from './schema.ts';
import { validateScenario } from './validate.ts';

/** Validates every scenario and returns them by id; throws one UsageError listing every problem in every file. */
export function loadCatalogue(sources: Record<string, unknown> = builtIn): Map<string, Scenario> {
  const catalogue = new Map<string, Scenario>();
  const problems: string[] = [];
  for (const [file, input] of Object.entries(sources)) {
    const result = validateScenario(input, file);
    problems.push(...result.problems);
    if (!result.scenario) continue;
    if (catalogue.has(result.scenario.id)) problems.push(`${file}: id: "${result.scenario.id}" is already used by another scenario`);
    catalogue.set(result.scenario.id, result.scenario);
  }
  if (problems.length) throw new UsageError(`invalid scenario${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
  return catalogue;
}
