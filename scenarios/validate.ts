import { Ajv, type ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { z } from 'zod';
import { checkers } from '../evals/checkers/index.ts';
import { apiFaults, toolFaults } from '../harness/faults/index.ts';
import { personas } from '../harness/model/personas.ts';
import { instantiate } from '../harness/services/instantiate.ts';
import { builtInServices } from '../harness/services/index.ts';
import { builtInRegistry, type ServiceRegistry } from '../harness/services/registry.ts';
import { validateWith } from '../harness/services/schema-check.ts';
import { routeOf } from '../harness/services/serve.ts';
import { scenarioSchema, toolSpec, type Scenario } from './schema.ts';
import { withRegistry } from './services.ts';

type Path = (string | number)[];
type Problem = { path: Path; message: string };

/**
 * Validates one scenario and returns every problem at once, in the order of the scenario's fields,
 * each as `file: path: message`: its shape (a missing field, a wrong type, an unknown field, fault
 * or persona), then what only the whole can tell, judged on whichever parts are well formed even
 * when others are not (checkers that exist, `primaryCheck` among `checks`, tools named by faults,
 * the plan and the user's approvals, no tool name given twice, tool schemas that are valid JSON
 * Schema, endpoints some service serves, faults that could strike: see `faultsThatNeverStrike`).
 * Never throws, whatever the input.
 *
 * @example
 * const { scenario, problems } = validateScenario(module.default, './my-scenario.ts');
 * if (!scenario) console.error(problems.join('\n'));
 */
export function validateScenario(input: unknown, file: string, registry: ServiceRegistry = builtInRegistry): { scenario?: Scenario; problems: string[] } {
  const parsed = scenarioSchema.safeParse(input);
  const shape = parsed.success ? [] : parsed.error.issues.flatMap((issue) => shapeProblems(issue, input));
  const shapePaths = new Set(shape.map((p) => pathText(p.path)));
  const { problems: found, seeds } = crossReferences(input, registry);
  const problems = [...shape, ...found.filter((p) => !shapePaths.has(pathText(p.path)))].sort(inFieldOrder).map((p) => `${file}: ${pathText(p.path)}: ${p.message}`);
  if (!parsed.success || problems.length) return { problems };
  // A team's service gets its seed as its own schema gave it back (defaults filled in), as a built-in does.
  return { scenario: withRegistry({ ...parsed.data, services: { ...parsed.data.services, ...seeds } }, registry), problems };
}

const GOAL_MISSING =
  'missing; say what a correct agent achieves in this world: goal: { says: [\'…\'] } (phrases its final reply must state), { effects: true } (every intended effect of intent.effects is in the ledger), and where no agent could always finish, orStop: [...] (docs/contract.md, "Goals")';

/** zod's issues, reworded to say what was found and what would be valid. */
function shapeProblems(issue: z.core.$ZodIssue, input: unknown): Problem[] {
  const path = issue.path.filter((k) => typeof k !== 'symbol') as Path;
  const value = valueAt(input, path);
  const field = String(path.at(-1) ?? 'value');
  if (issue.code === 'invalid_union' && issue.discriminator && 'options' in issue) return [{ path, message: unknown(field, value, (issue.options ?? []).map(String)) }];
  if (issue.code === 'invalid_value' && issue.values.length > 1) return [{ path, message: unknown(field, value, issue.values.map(String)) }];
  if (issue.code === 'invalid_value') {
    const only = show(issue.values[0]);
    return [{ path, message: value === undefined ? `missing; must be ${only}` : `must be ${only} (got ${show(value)})` }];
  }
  if (issue.code === 'invalid_type' && value === undefined && pathText(path) === 'goal') return [{ path, message: GOAL_MISSING }];
  if (issue.code === 'invalid_type') return [{ path, message: value === undefined ? `missing; expected ${issue.expected}` : `expected ${issue.expected} (got ${show(value)})` }];
  if (issue.code === 'unrecognized_keys') {
    const known = fieldsAt(path, input);
    const what = path.join('.') === 'services' ? 'service' : 'field';
    return issue.keys.map((k) => ({ path: [...path, k], message: known ? unknown(what, k, known) : `unknown ${what} ${show(k)}` }));
  }
  // A number out of range says what it got, beside the limit (e.g. a timer's): `at most … (got 3000000000)`.
  if ((issue.code === 'too_big' || issue.code === 'too_small') && typeof value === 'number') return [{ path, message: `${issue.message} (got ${show(value)})` }];
  return [{ path, message: issue.message }];
}

/** Every cross-reference that can be judged on the parts of `input` that are well formed. */
function crossReferences(input: unknown, registry: ServiceRegistry): { problems: Problem[]; seeds?: Record<string, unknown> } {
  const s = record(input);
  if (!s) return { problems: [] };
  const problems: Problem[] = [];
  const at = (path: Path, message: string) => problems.push({ path, message });

  const checks = list(s.checks);
  checks.forEach((id, i) => typeof id === 'string' && !Object.hasOwn(checkers, id) && at(['checks', i], unknown('checker', id, Object.keys(checkers))));
  if (typeof s.primaryCheck === 'string' && Array.isArray(s.checks) && !checks.includes(s.primaryCheck)) {
    const named = checks.filter((c): c is string => typeof c === 'string');
    const near = nearest(s.primaryCheck, named);
    at(['primaryCheck'], `${show(s.primaryCheck)} must be one of checks (${named.join(', ')})${near ? `; did you mean "${near}"?` : ''}`);
  }

  const tools = list(s.tools).map(record);
  const toolNames = Array.isArray(s.tools) ? tools.flatMap((t) => (typeof t?.name === 'string' ? [t.name] : [])) : undefined;
  const needsTool = (path: Path, name: unknown) => {
    if (!toolNames || typeof name !== 'string' || name === '*' || toolNames.includes(name)) return;
    const near = nearest(name, toolNames);
    at(path, `no tool ${show(name)} in tools (${toolNames.join(', ') || 'none'})${near ? `; did you mean "${near}"?` : ''}`);
  };
  list(s.faults).forEach((f, i) => needsTool(['faults', i, 'tool'], record(f)?.tool));
  list(s.faults).forEach((f, i) => {
    const fault = record(f)?.fault;
    if (typeof fault === 'string' && Object.hasOwn(apiFaults, fault) && record(record(f)?.when)?.match !== undefined)
      at(['faults', i, 'when', 'match'], `match picks tool calls by their arguments, and ${fault} strikes Messages API calls, which have none: remove it`);
    if (typeof fault === 'string' && fault.startsWith('mcp-') && s.transport !== 'mcp') at(['faults', i, 'fault'], `${fault} strikes only tool calls made over MCP: say so with transport: 'mcp', or an HTTP agent's run has nothing struck`);
  });
  problems.push(...faultsThatNeverStrike(s, toolNames));
  list(record(s.model)?.plan).forEach((step, i) => list(record(step)?.call).forEach((c, k) => needsTool(['model', 'plan', i, 'call', k, 'name'], record(c)?.name)));
  list(record(s.user)?.approves).forEach((c, k) => needsTool(['user', 'approves', k, 'name'], record(c)?.name));
  const goal = record(s.goal);
  list(goal?.orStop).forEach((e, i) => {
    const field = ['failed', 'called', 'repeated'].find((k) => record(e)?.[k] !== undefined);
    if (field) needsTool(['goal', 'orStop', i, field], record(e)?.[field]);
  });
  if (goal?.effects === true && !list(record(s.intent)?.effects).some((e) => Number(record(e)?.count) > 0))
    at(['goal', 'effects'], 'the goal asks for the intended effects, but intent.effects intends none: list them in intent.effects (with count ≥ 1), or drop effects from the goal');

  problems.push(...repeatedToolNames(tools));

  const services = worldServices(s.services, registry);
  problems.push(...services.problems);
  const toolOnRoute = new Map<unknown, number>();
  tools.forEach((tool, i) => {
    if (!tool) return;
    for (const field of ['input_schema', 'responseSchema']) {
      const schema = record(tool[field]);
      if (schema) problems.push(...jsonSchemaProblems(schema, ['tools', i, field]));
    }
    const endpoint = toolSpec.shape.endpoint.safeParse(tool.endpoint);
    if (endpoint.success && services.routes) {
      const { method, url } = endpoint.data;
      const route = routeOf(services.routes, { method, url });
      const other = toolOnRoute.get(route);
      if (route && other !== undefined)
        return at(
          ['tools', i, 'endpoint'],
          `reaches the route of tools.${other} (${show(tools[other]?.name)}), ${route.method} ${route.url}: the request log and the faults could not tell the two apart; give each tool an endpoint of its own`,
        );
      if (route) return void toolOnRoute.set(route, i);
      const onHost = services.routes.filter((r) => new URL(r.url).origin === new URL(url).origin);
      const near = onHost.length ? `; ${onHost[0]!.service} on that host serves ${onHost.map((r) => `${r.method} ${new URL(r.url).pathname}`).join(', ')}` : '';
      at(['tools', i, 'endpoint'], `no service in "services" serves ${method} ${url}${near}`);
    }
  });
  return { problems, seeds: services.seeds };
}

/**
 * Faults that can never strike, whatever the agent under test does: every run of the scenario would
 * judge a world that was never faulted. The rule: the requests a run sends are the calls of the
 * scenario's model (the plan's steps, the invented tool of a hallucinating persona, a pager's next
 * pages, a researcher's follow-ups) as an agent sends them: retried any number of times, re-sent,
 * retyped ("40" for 40) or with fields added. So `when.strike` numbers beyond the plan's calls are
 * never refused (an agent's retries send more requests than the plan has calls: `strike: [2]` hits
 * the first retry). Refused are:
 * - a schedule that picks no request: `first: 0` (or `[0, 0]`), or `probability: 0`, with no
 *   `strike` list and no probability above 0. An explicit `strike: []` is kept: it is how
 *   `faultline explore` writes a fault it found its counterexample does not need.
 * - a tool fault on a tool the model never calls: no plan step calls it and it is not the invented
 *   tool. A persona that obeys instructions in tool results (`gullible`) may call any tool: then
 *   nothing is refused here.
 * - a tool fault whose `when.match` no call of its tool meets: each planned call of that tool
 *   carries a matched field with another value, compared as text as `schedule()` compares them.
 *   A field a call does not carry is not held against it (an agent or the persona may add it), nor
 *   is a pager's `page`, which changes from page to page; but a field the tool has not at all (not
 *   in its `input_schema`'s properties nor a `:param` of its endpoint) is refused: no request carries it.
 */
function faultsThatNeverStrike(s: Record<string, unknown>, toolNames: string[] | undefined): Problem[] {
  const problems: Problem[] = [];
  const model = record(s.model);
  const persona = typeof model?.persona === 'string' && Object.hasOwn(personas, model.persona) ? personas[model.persona] : undefined;
  const callsOf = (items: unknown[]) =>
    items.flatMap((c) => {
      const call = record(c);
      return typeof call?.name === 'string' ? [{ name: call.name, input: record(call.input) ?? {} }] : [];
    });
  const planned = callsOf(list(model?.plan).flatMap((step) => list(record(step)?.call)));
  const calls = [...planned, ...callsOf([model?.invented])];
  list(s.faults).forEach((f, i) => {
    const fault = record(f);
    const name = fault?.fault;
    if (typeof name !== 'string' || !(Object.hasOwn(toolFaults, name) || Object.hasOwn(apiFaults, name))) return;
    const when = record(fault?.when);
    const empty = emptySchedule(when);
    if (empty) {
      problems.push({ path: ['faults', i, 'when', empty.field], message: empty.message });
      return;
    }
    // What the model calls is known only from a well-formed plan and persona, and never for a model that takes orders from tool results.
    const tool = fault?.tool;
    if (!Object.hasOwn(toolFaults, name) || typeof tool !== 'string' || tool === '*' || !toolNames?.includes(tool)) return;
    if (!Array.isArray(model?.plan) || !persona || persona.obeysToolText) return;
    const called = [...new Set(calls.map((c) => c.name))];
    const mine = calls.filter((c) => c.name === tool);
    // A plan that names a tool not in tools is reported as that: which tool it meant is anyone's guess.
    if (!mine.length && planned.every((c) => toolNames.includes(c.name))) {
      const others = called.length ? `; it calls ${called.join(', ')}` : '; the plan calls no tool';
      problems.push({
        path: ['faults', i, 'tool'],
        message: `the model never calls ${show(tool)} (no step of model.plan calls it${others}), so this fault would never strike: a fault strikes the requests an agent sends for the model's calls, retries included. Aim it at a tool the plan calls, or add a plan step that calls ${tool}`,
      });
      return;
    }
    const match = Object.entries(record(when?.match) ?? {});
    const spec = list(s.tools)
      .map(record)
      .find((t) => t?.name === tool);
    const properties = record(record(spec?.input_schema)?.properties);
    const url = record(spec?.endpoint)?.url;
    if (properties) {
      const fields = [...Object.keys(properties), ...(typeof url === 'string' ? [...url.matchAll(/\/:(\w+)/g)].map((m) => m[1]!) : []), ...(persona.pages ? ['page'] : [])];
      const unknownField = match.find(([k]) => !fields.includes(k));
      if (unknownField) {
        const near = nearest(unknownField[0], fields);
        problems.push({
          path: ['faults', i, 'when', 'match', unknownField[0]],
          message: `${tool} has no field ${show(unknownField[0])}${near ? ` (did you mean "${near}"?)` : ''}; its fields: ${fields.join(', ') || 'none'}. No request carries it, so this fault would never strike`,
        });
        return;
      }
    }
    const free = (field: string, input: Record<string, unknown>) => input[field] === undefined || (persona.pages === true && field === 'page');
    const meets = (input: Record<string, unknown>) => match.every(([k, v]) => free(k, input) || String(input[k]) === String(v));
    if (!match.length || mine.some((c) => meets(c.input))) return;
    const carried = match.filter(([k]) => mine.some((c) => !free(k, c.input))).map(([k]) => `${k} ${[...new Set(mine.flatMap((c) => (free(k, c.input) ? [] : [show(c.input[k])])))].join(', ')}`);
    problems.push({
      path: ['faults', i, 'when', 'match'],
      message: `no call of ${tool} meets ${show(Object.fromEntries(match))}: the plan's calls of it carry ${carried.join('; ')} (values compare as text), so this fault would never strike. Match values a planned call of ${tool} carries, or drop match to strike its every call`,
    });
  });
  return problems;
}

/** A `when` that picks no request whatever is sent (see faultsThatNeverStrike), with the field to fix and why. */
function emptySchedule(when: Record<string, unknown> | undefined): { field: string; message: string } | undefined {
  if (!when || when.strike !== undefined) return undefined;
  const { first, probability } = when;
  if (first === undefined && probability === undefined) return undefined;
  const bound = first === undefined ? 0 : typeof first === 'number' ? first : Array.isArray(first) && first.every((n) => typeof n === 'number') ? Math.max(...first) : undefined;
  if (bound === undefined || bound > 0 || (probability !== undefined && (typeof probability !== 'number' || !(probability <= 0)))) return undefined;
  const fix = 'first: n strikes the first n matching requests, strike: [1, 3] the ones listed, probability: p a share of them; or remove the fault';
  if (first === undefined) return { field: 'probability', message: `probability 0 with no first or strike picks no request: this fault would never strike, for any agent. ${fix}` };
  return { field: 'first', message: `${show(first)} picks no request${probability === 0 ? ', nor does probability 0' : ''}, and nothing else in when does: this fault would never strike, for any agent. ${fix}` };
}

/** A tool name given twice: the Messages API answers every request with such tools 400, so every run would fail. */
function repeatedToolNames(tools: (Record<string, unknown> | undefined)[]): Problem[] {
  const first = new Map<string, number>();
  return tools.flatMap((tool, i) => {
    if (typeof tool?.name !== 'string') return [];
    const earlier = first.get(tool.name);
    if (earlier === undefined) return (first.set(tool.name, i), []);
    const message = `${show(tool.name)} is already the name of tools.${earlier}; tool names must be unique (the Messages API refuses a request with two tools of one name): rename one, or remove the copy`;
    return [{ path: ['tools', i, 'name'], message }];
  });
}

const NO_SERVICE = "a service of your own is declared with defineService and named in the scenario's serviceFiles (paths from the scenario's file) or in the config's services";

/**
 * The routes of the scenario's services (undefined when a seed is malformed, so nobody can tell),
 * and the problems of the services named: an id no registry knows, a seed its schema refuses, a
 * service that fails to start.
 */
function worldServices(services: unknown, registry: ServiceRegistry): { routes?: { service: string; method: string; url: string }[]; seeds: Record<string, unknown>; problems: Problem[] } {
  const given = record(services);
  const seeds: Record<string, unknown> = {};
  if (!given) return { seeds, problems: [] };
  const problems: Problem[] = [];
  const routes: { service: string; method: string; url: string }[] = [];
  let known = true;
  for (const [id, seed] of Object.entries(given)) {
    if (seed === undefined) continue;
    const definition = registry.get(id);
    if (!definition) {
      problems.push({ path: ['services', id], message: `${unknown('service', id, [...registry.keys()])}; ${NO_SERVICE}` });
      known = false;
      continue;
    }
    const checked = definition.seed ? validateWith(definition.seed, seed) : { value: seed };
    if ('issues' in checked) {
      // A built-in's seed is checked by the scenario's own schema, with paths; a team's here.
      if (!Object.hasOwn(builtInServices, id)) problems.push(...checked.issues.map((issue) => ({ path: ['services', id], message: `${issue}${definition.file ? ` (the seed ${definition.file} asks for)` : ''}` })));
      known = false;
      continue;
    }
    if (!Object.hasOwn(builtInServices, id)) seeds[id] = checked.value;
    try {
      const service = instantiate(definition, checked.value);
      routes.push(...service.routes.map((r) => ({ service: id, method: r.method, url: `${service.host}${r.path}` })));
    } catch (error) {
      problems.push({ path: ['services', id], message: `the service's init threw: ${(error as Error).message}${definition.file ? ` (${definition.file})` : ''}` });
      known = false;
    }
  }
  return known ? { routes, seeds, problems } : { seeds, problems };
}

// Tool schemas are checked against the JSON Schema meta-schema they name (2020-12 when they name none):
// z.fromJSONSchema accepts many invalid schemas (`required: 'x'`, `properties: 5`) without a word.
// Made on first use: a process that validates no scenario (a worker) never pays for Ajv.
const makers: Record<string, () => Ajv | Ajv2020> = {
  'https://json-schema.org/draft/2020-12/schema': () => new Ajv2020({ allErrors: true, strict: false }),
  'http://json-schema.org/draft-07/schema#': () => new Ajv({ allErrors: true, strict: false }),
};
const made = new Map<string, Ajv | Ajv2020>();
function metaValidator(uri: string): Ajv | Ajv2020 | undefined {
  if (!made.has(uri) && makers[uri]) made.set(uri, makers[uri]());
  return made.get(uri);
}

/** Problems of one tool schema: not valid JSON Schema (one problem per place in it), or not one faultline's agents can use. */
function jsonSchemaProblems(schema: Record<string, unknown>, path: Path): Problem[] {
  const ajv = metaValidator(typeof schema.$schema === 'string' ? schema.$schema : 'https://json-schema.org/draft/2020-12/schema');
  try {
    if (ajv && !ajv.validateSchema(schema)) return metaSchemaProblems(ajv.errors ?? [], schema, path);
    z.fromJSONSchema(schema as never);
    return [];
  } catch (error) {
    return [{ path, message: `not a usable JSON Schema: ${(error as Error).message}` }];
  }
}

/** Ajv reports one mistake several ways (each branch of an anyOf): one problem per place, saying what would be valid. */
function metaSchemaProblems(errors: ErrorObject[], schema: unknown, path: Path): Problem[] {
  const byPlace = new Map<string, ErrorObject[]>();
  for (const e of errors) byPlace.set(e.instancePath, [...(byPlace.get(e.instancePath) ?? []), e]);
  // A place whose error is only that something inside it failed (an anyOf branch) says less than the place inside.
  const places = [...byPlace].filter(([pointer]) => ![...byPlace.keys()].some((other) => other.startsWith(`${pointer}/`)));
  return places.map(([pointer, group]) => {
    const place = pointer
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const value = valueAt(schema, place);
    const types = group.find((e) => e.keyword === 'enum' && e.schemaPath.includes('simpleTypes'));
    if (types) return { path: [...path, ...place], message: unknown('type', value, (types.params as { allowedValues: string[] }).allowedValues) };
    const specific = group.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
    const said = (specific.length ? specific : group).map((e) => (e.keyword === 'type' ? `must be ${[e.params.type].flat().join(' or ')}` : (e.message ?? e.keyword)));
    return { path: [...path, ...place], message: `${[...new Set(said)].join('; ')} (got ${show(value)})` };
  });
}

/** The fields the schema allows at `path` (following the input through unions), for an unknown-field message. */
function fieldsAt(path: Path, input: unknown): string[] | undefined {
  type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[]; discriminator?: string };
  const def = (schema: z.ZodType) => schema.def as unknown as Def;
  const unwrap = (schema: z.ZodType | undefined, value: unknown): z.ZodType | undefined => {
    const d = schema && def(schema);
    if (!d) return undefined;
    if (d.innerType) return unwrap(d.innerType, value);
    if (d.type === 'pipe' && d.in) return unwrap(d.in, value);
    if (d.type !== 'union' || !d.discriminator) return schema;
    const tag = record(value)?.[d.discriminator];
    return unwrap(
      d.options?.find((o) => (def(o).shape?.[d.discriminator!]?.def as { values?: unknown[] } | undefined)?.values?.includes(tag)),
      value,
    );
  };
  let schema = unwrap(scenarioSchema, input);
  let value = input;
  for (const k of path) {
    const d = schema && def(schema);
    value = valueAt(value, [k]);
    schema = unwrap(d?.type === 'object' ? d.shape?.[k] : d?.type === 'array' ? d.element : d?.type === 'record' ? d.valueType : undefined, value);
  }
  const shape = schema && def(schema).shape;
  return shape && Object.keys(shape);
}

/** `unknown persona "dilligent" (did you mean "diligent"?); known: diligent, retrier, …` */
function unknown(what: string, value: unknown, known: string[]): string {
  if (value === undefined) return `missing; one of ${known.join(', ')}`;
  const near = typeof value === 'string' ? nearest(value, known) : undefined;
  return `unknown ${what} ${show(value)}${near ? ` (did you mean "${near}"?)` : ''}; known: ${known.join(', ')}`;
}

/** The known name closest to a mistyped one: the same but for case and separators, or at most 2 edits away. */
function nearest(name: string, known: string[]): string | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const scored = known.map((k) => [k, plain(k) === plain(name) ? 0 : editDistance(plain(k), plain(name))] as const);
  const [best] = scored.filter(([, d]) => d <= Math.min(2, Math.floor(name.length / 3))).sort((a, b) => a[1] - b[1]);
  return best?.[0];
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

// Problems are listed in the order of the scenario's fields, then of the array item they are in.
const fieldOrder = Object.keys(scenarioSchema.shape);
function inFieldOrder(a: Problem, b: Problem): number {
  const field = (p: Problem) => (fieldOrder.includes(String(p.path[0])) ? fieldOrder.indexOf(String(p.path[0])) : -1);
  const item = (p: Problem) => (typeof p.path[1] === 'number' ? p.path[1] : -1);
  return field(a) - field(b) || item(a) - item(b);
}

/** `tools.0.input_schema`; a key that is not a plain word is quoted, so each problem stays one line. */
const pathText = (path: Path): string => path.map((k) => (/^[\w$-]+$/.test(String(k)) ? k : JSON.stringify(k))).join('.') || '(root)';
const record = (x: unknown): Record<string, unknown> | undefined => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const valueAt = (x: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[k] : undefined), x);

/** A value as the user wrote it, cut short: `"integr"`, `5`, `{"a":1}`. */
function show(value: unknown): string {
  const attempt = (f: () => string | undefined) => {
    try {
      return f();
    } catch {
      return undefined;
    }
  };
  const text = attempt(() => JSON.stringify(value)) ?? attempt(() => String(value)) ?? `a ${typeof value}`;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
