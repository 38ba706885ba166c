import { z } from 'zod';
import { checkers } from '../evals/checkers/index.ts';
import { serviceKinds, type ServiceName } from '../harness/services/index.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

/**
 * Validates one scenario: the schema first, then what only the whole can tell (checks that exist,
 * faults and plans that name real tools, endpoints some service serves). Returns every problem,
 * each as `file: path: message`.
 */
export function validateScenario(input: unknown, file: string): { scenario?: Scenario; problems: string[] } {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`) };
  const s = parsed.data;
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`${file}: ${path}: ${message}`);
  const toolNames = new Set(s.tools.map((t) => t.name));

  s.checks.forEach((id, i) => checkers[id] || at(`checks.${i}`, `unknown checker "${id}"; known: ${Object.keys(checkers).join(', ')}`));
  if (!s.checks.includes(s.primaryCheck)) at('primaryCheck', `"${s.primaryCheck}" must be one of checks (${s.checks.join(', ')})`);
  s.faults.forEach((f, i) => {
    const tool = (f as { tool?: string }).tool;
    if (tool && tool !== '*' && !toolNames.has(tool)) at(`faults.${i}.tool`, `no tool "${tool}" in tools (${[...toolNames].join(', ')})`);
  });
  s.model.plan.forEach((step, i) =>
    step.call.forEach((c, k) => toolNames.has(c.name) || at(`model.plan.${i}.call.${k}.name`, `no tool "${c.name}" in tools`)),
  );
  s.tools.forEach((tool, i) => {
    try {
      z.fromJSONSchema(tool.input_schema as never);
    } catch (error) {
      at(`tools.${i}.input_schema`, `not a usable JSON Schema: ${(error as Error).message}`);
    }
    if (!servedBy(s, tool.endpoint)) at(`tools.${i}.endpoint`, `no service in "services" serves ${tool.endpoint.method} ${tool.endpoint.url}`);
  });
  return problems.length ? { problems } : { scenario: s, problems };
}

function servedBy(s: Scenario, endpoint: { method: string; url: string }): boolean {
  return (Object.keys(s.services) as ServiceName[]).some((name) => {
    const state = s.services[name];
    if (state === undefined) return false;
    const service = serviceKinds[name].create(state as never);
    return service.routes.some((r) => r.method === endpoint.method && `${service.host}${r.path}` === endpoint.url);
  });
}
