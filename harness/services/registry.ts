import { resolve } from 'node:path';
import { z } from 'zod';
import { importUserModule } from '../modules.ts';
import { isServiceDefinition, type ServiceDefinition } from './define.ts';
import { builtInServices } from './index.ts';
import { isStandardSchema } from './schema-check.ts';
import { HTTP_METHODS } from './types.ts';

/** The services scenarios may name, by id. */
export type ServiceRegistry = ReadonlyMap<string, ServiceDefinition>;

export const builtInRegistry: ServiceRegistry = new Map(Object.values(builtInServices).map((s) => [s.id, s as ServiceDefinition]));

const fn = (what: string) => z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', `must be a function: ${what}`);
const schema = z.custom((v) => isStandardSchema(v), 'must be a schema (zod, valibot, arktype: any Standard Schema)');

const definitionShape = z
  .object({
    kind: z.literal('faultline.service'),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'ids are lower-case words joined by - (scenarios name the service by it)'),
    host: z.url().refine((u) => /^https?:$/.test(new URL(u).protocol) && new URL(u).pathname === '/' && !new URL(u).search, 'must be an origin only, like https://api.myshop.example'),
    seed: schema.optional(),
    init: fn('(seed) => the state one run starts from').optional(),
    example: z.unknown().optional(),
    idempotency: z.union([z.literal(true), z.object({ header: z.string().min(1) }).strict(), z.object({ field: z.string().min(1) }).strict()]).optional(),
    auth: z.literal('bearer').optional(),
    routes: z
      .array(
        z
          .object({
            method: z.enum(HTTP_METHODS),
            path: z.string().regex(/^\//, 'must start with / (the host is the service’s)'),
            name: z.string().min(1).optional(),
            auth: z.enum(['bearer', 'none']).optional(),
            response: schema.optional(),
            handle: fn('(call) => json(status, body)'),
          })
          .strict(),
      )
      .min(1),
    file: z.string().optional(),
  })
  .strict();

/**
 * The registry a scenario's services come from: the built-ins, then the services defined in
 * `files` (each module's default export: one `defineService`, or an array of them). Every problem
 * names the file and the field: a module that exports no service, a malformed definition, an id
 * already taken, two services on one host.
 */
export async function loadServices(files: readonly string[]): Promise<{ registry: ServiceRegistry; problems: string[] }> {
  if (!files.length) return { registry: builtInRegistry, problems: [] };
  const registry = new Map(builtInRegistry);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(resolve(file))) continue;
    seen.add(resolve(file));
    const loaded = await importUserModule(file);
    if (loaded.problem !== undefined) {
      problems.push(`${file}: ${loaded.problem}`);
      continue;
    }
    const exported = loaded.module.default;
    const definitions = Array.isArray(exported) ? exported : [exported];
    if (!definitions.length || !definitions.every(isServiceDefinition)) {
      problems.push(`${file}: (default export): not a service; end the file with export default defineService({ id, host, routes }) (or an array of them)`);
      continue;
    }
    definitions.forEach((definition, i) => {
      const at = Array.isArray(exported) ? `${i}.` : '';
      const parsed = definitionShape.safeParse(definition);
      if (!parsed.success) return problems.push(...parsed.error.issues.map((issue) => `${file}: ${at}${issue.path.join('.')}: ${issue.message}`));
      const twice = definition.routes.findIndex((r, k) => definition.routes.findIndex((o) => o.method === r.method && o.path === r.path) !== k);
      if (twice >= 0) {
        const { method, path } = definition.routes[twice]!;
        return problems.push(`${file}: ${at}routes.${twice}: ${method} ${path} is already a route of this service; one route per method and path (which would answer would depend on the agent's HTTP client)`);
      }
      const taken = registry.get(definition.id);
      if (taken) {
        const where = taken.file ? `the service in ${taken.file}` : 'a built-in service';
        return problems.push(`${file}: ${at}id: "${definition.id}" is already ${where}'s; give yours another id`);
      }
      const host = new URL(definition.host).origin;
      const sharing = [...registry.values()].find((other) => other.id !== definition.id && new URL(other.host).origin === host);
      if (sharing) return problems.push(`${file}: ${at}host: ${host} is already served by "${sharing.id}"${sharing.file ? ` (${sharing.file})` : ''}; one host is one service: put the routes in one definition`);
      registry.set(definition.id, { ...definition, file });
    });
  }
  return { registry, problems };
}
