import { extname } from 'node:path';
import { toolSpec } from '../../scenarios/schema.ts';
import type { ToolSpec } from '../agents/types.ts';
import { UsageError } from '../errors.ts';
import { loadTools } from '../lint/load.ts';
import { importUserModule } from '../modules.ts';
import type { ServiceDefinition } from '../services/define.ts';
import { builtInServices } from '../services/index.ts';
import { loadServices, type ServiceRegistry } from '../services/registry.ts';
import { validateWith } from '../services/schema-check.ts';
import { routeOf } from '../services/serve.ts';

/** How a generated scenario names a tool of the deployment: from the tools module's export, or written out (a .json file). */
type ToolsImport = { kind: 'module'; file: string; binding: 'default' | 'tools'; keys: ReadonlyMap<string, string | number> } | { kind: 'inline' };

/** A service of the deployment and the world its `example` seed makes: as written (for the files) and as its schema gives it back (for the probes). */
export type ServiceWorld = { definition: ServiceDefinition; literal: unknown; seed: unknown };

/** The deployment faultline generate writes a matrix for: the tools, the service that serves each, and the example world. */
export type Deployment = {
  toolsFile: string;
  tools: ToolSpec[];
  toolsImport: ToolsImport;
  registry: ServiceRegistry;
  /** Tool name → the service serving its endpoint. */
  serviceOf: ReadonlyMap<string, ServiceWorld>;
};

/**
 * Loads the tools module (as `faultline lint --tools` does) and the services (the built-ins and
 * `serviceFiles`), and ties each tool to the service whose route serves its endpoint. Throws a
 * UsageError listing every problem: a tool spec a scenario would refuse, an endpoint no service
 * serves (naming the tool), a service file that does not load, an `example` its seed schema refuses.
 */
export async function loadDeployment(toolsFile: string, serviceFiles: readonly string[]): Promise<Deployment> {
  const { tools } = await loadTools(toolsFile);
  const problems = tools.flatMap((tool, i) => {
    const parsed = toolSpec.safeParse(tool);
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${toolsFile}: ${tool.name ?? `tools.${i}`}.${issue.path.join('.')}: ${issue.message}`);
  });
  const { registry, problems: serviceProblems } = await loadServices(serviceFiles);
  problems.push(...serviceProblems);
  if (problems.length) throw new UsageError(`generate: the deployment cannot be used:\n  ${problems.join('\n  ')}`);

  const worlds = new Map<string, ServiceWorld>();
  const serviceOf = new Map<string, ServiceWorld>();
  for (const tool of tools) {
    const definition = servingService(registry, tool);
    if (!definition) {
      problems.push(`${toolsFile}: ${tool.name}: no service serves ${tool.endpoint.method} ${tool.endpoint.url}; give the file of the service that does with --services (built-in services: ${Object.keys(builtInServices).join(', ')})`);
      continue;
    }
    let world = worlds.get(definition.id);
    if (!world) {
      const made = exampleWorld(definition);
      if ('problem' in made) {
        problems.push(made.problem);
        continue;
      }
      worlds.set(definition.id, (world = made));
    }
    serviceOf.set(tool.name, world);
  }
  if (problems.length) throw new UsageError(`generate: the deployment cannot be used:\n  ${problems.join('\n  ')}`);
  return { toolsFile, tools, toolsImport: await toolsImportOf(toolsFile, tools), registry, serviceOf };
}

/** The service whose route the tool's endpoint reaches, as a run's fetch picks it (`routeOf`). */
function servingService(registry: ServiceRegistry, tool: ToolSpec): ServiceDefinition | undefined {
  const routes = [...registry.values()].flatMap((service) => service.routes.map((route) => ({ service, method: route.method, url: `${service.host.replace(/\/+$/, '')}${route.path}` })));
  return routeOf(routes, tool.endpoint)?.service;
}

/**
 * The service's example world: its `example`, checked by its seed schema. A service without one
 * gets `{}` when its schema accepts that (or it has none), as a scenario that seeds nothing would.
 */
function exampleWorld(definition: ServiceDefinition): ServiceWorld | { problem: string } {
  const where = definition.file ?? `the built-in service "${definition.id}"`;
  const literal = definition.example ?? {};
  if (!isPlainData(literal)) return { problem: `${where}: example: must be plain data (objects, arrays, strings, numbers, booleans, null): it is written into every scenario file` };
  if (!definition.seed) return { definition, literal, seed: literal };
  const checked = validateWith(definition.seed, literal);
  if ('value' in checked) return { definition, literal, seed: checked.value };
  const fix = definition.example === undefined ? 'missing; give the service an example seed (a small, typical world) in its definition: example: { … }' : checked.issues.join('; ');
  return { problem: `${where}: example: ${fix}` };
}

function isPlainData(value: unknown): boolean {
  if (value === null || ['string', 'boolean'].includes(typeof value)) return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainData);
  return typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.values(value as object).every(isPlainData);
}

/** Which export of the tools module the tools came from (as loadTools chose it), and each tool's key or index in it. */
async function toolsImportOf(file: string, tools: ToolSpec[]): Promise<ToolsImport> {
  if (extname(file) === '.json') return { kind: 'inline' };
  const loaded = await importUserModule(file);
  if (loaded.problem !== undefined) return { kind: 'inline' };
  for (const binding of ['default', 'tools'] as const) {
    const value = loaded.module[binding];
    const entries: Array<[string | number, unknown]> | undefined = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : value && typeof value === 'object' && !('input_schema' in value) && Object.values(value).every((v) => v && typeof v === 'object')
        ? Object.entries(value)
        : undefined;
    if (!entries?.length) continue;
    const keys = new Map(entries.flatMap(([key, spec]) => (typeof (spec as ToolSpec).name === 'string' ? [[(spec as ToolSpec).name, key] as const] : [])));
    if (tools.every((t) => keys.has(t.name))) return { kind: 'module', file, binding, keys };
  }
  return { kind: 'inline' };
}
