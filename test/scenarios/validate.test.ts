import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkers } from '../../evals/checkers/index.ts';
import { toolFaults } from '../../harness/faults/index.ts';
import { personas } from '../../harness/model/personas.ts';
import { defineScenario } from '../../scenarios/define.ts';
import { loadCatalogue } from '../../scenarios/index.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import first from '../fixtures/scenarios/first-scenario.ts';

const FILE = './mine.ts';
/** The README's first scenario, deep-copied, with `change` applied. */
const scenario = (change: (s: any) => void = () => {}) => {
  const s = structuredClone(first) as any;
  change(s);
  return s;
};
const problemsOf = (input: unknown) => validateScenario(input, FILE).problems;
const withSchema = (inputSchema: unknown) => problemsOf(scenario((s) => (s.tools[0].input_schema = inputSchema)));

describe('validateScenario', () => {
  it('accepts the README scenario and every built-in one', () => {
    expect(validateScenario(first, FILE)).toMatchObject({ problems: [], scenario: { id: 'first-lost-reply' } });
    expect(loadCatalogue().size).toBeGreaterThan(10);
  });

  it("prints the README's step 5 output for the README's two mistakes, line for line", () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /\*\*5\. A file that does not validate\.\*\*[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const [, ...lines] = block
      .trim()
      .split('\n')
      .map((l) => l.trim());
    const mistyped = scenario((s) => ((s.faults[0].tool = 'place-order'), (s.primaryCheck = 'exactly_once')));
    expect(lines.length).toBeGreaterThan(0);
    expect(validateScenario(mistyped, './first-scenario.ts').problems).toEqual(lines);
  });

  it('reports every problem at once, of shape and of cross-reference, each with the file and the path, in field order', () => {
    const problems = problemsOf(
      scenario((s) => {
        delete s.title; // shape: missing
        s.tools[0].effect = 'charges'; // shape: unknown value
        s.tools[0].input_schema.properties.quantity.type = 'integr'; // not JSON Schema
        s.tools[0].endpoint.url = 'https://orders.sim/order'; // nobody serves it
        s.faults = [{ fault: 'drop-replyy', tool: 'place-order' }]; // unknown fault, unknown tool
        s.model.persona = 'dilligent'; // shape: unknown persona
        s.model.plan[0].call[0].name = 'placeOrder'; // unknown tool
        s.checks = ['exactly_once']; // unknown checker
        s.primaryCheck = 'exactly-once'; // not among checks
        s.colour = 'red'; // shape: unknown field
      }),
    );
    const expected = [
      `${FILE}: colour: unknown field "colour"; known: id, title,`,
      `${FILE}: title: missing; expected string`,
      `${FILE}: tools.0.effect: unknown effect "charges" (did you mean "charge"?); known: read, write, charge,`,
      `${FILE}: tools.0.input_schema.properties.quantity.type: unknown type "integr" (did you mean "integer"?); known: array, boolean, integer,`,
      `${FILE}: tools.0.endpoint: no service in "services" serves POST https://orders.sim/order`,
      `${FILE}: faults.0.fault: unknown fault "drop-replyy" (did you mean "drop-reply"?); known: connection-reset, drop-reply,`,
      `${FILE}: faults.0.tool: no tool "place-order" in tools (place_order); did you mean "place_order"?`,
      `${FILE}: model.persona: unknown persona "dilligent" (did you mean "diligent"?); known: diligent,`,
      `${FILE}: model.plan.0.call.0.name: no tool "placeOrder" in tools (place_order); did you mean "place_order"?`,
      `${FILE}: checks.0: unknown checker "exactly_once" (did you mean "exactly-once"?); known: agent-completes,`,
      `${FILE}: primaryCheck: "exactly-once" must be one of checks (exactly_once)`,
    ];
    expect(problems).toHaveLength(expected.length);
    problems.forEach((p, i) => expect(p.startsWith(expected[i]!), `${p}\n  should start with\n${expected[i]}`).toBe(true));
    for (const p of problems) expect(p.split('\n')).toHaveLength(1);
  });

  it.each([
    ['fault', (s: any) => (s.faults[0].fault = 'drop'), 'faults.0.fault', Object.keys(toolFaults)],
    ['persona', (s: any) => (s.model.persona = 'careful'), 'model.persona', Object.keys(personas)],
    ['checker', (s: any) => (s.checks = ['exactly-once', 'no-dupes']), 'checks.1', Object.keys(checkers)],
    ['tool named by a fault', (s: any) => (s.faults[0].tool = 'order'), 'faults.0.tool', ['place_order']],
    ['tool named by the plan', (s: any) => (s.model.plan[0].call[0].name = 'order'), 'model.plan.0.call.0.name', ['place_order']],
    ['tool named by an approval', (s: any) => (s.user = { approves: [{ name: 'order', input: {} }] }), 'user.approves.0.name', ['place_order']],
  ])('an unknown %s names the file, the path and every valid name', (_, change, path, valid) => {
    const problems = problemsOf(scenario(change));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${FILE}: ${path.replace(/\./g, '\\.')}: `));
    for (const name of valid) expect(problems[0]).toContain(name);
  });

  it.each([
    [{ type: 'object', properties: { n: { type: 'integr' } } }, 'input_schema.properties.n.type: unknown type "integr"'],
    [{ type: 'object', required: 'x' }, 'input_schema.required: must be array (got "x")'],
    [{ type: 'object', properties: 5 }, 'input_schema.properties: must be object (got 5)'],
    [{ type: 'object', properties: { n: { type: ['string', 'strin'] } } }, 'input_schema.properties.n.type.1: unknown type "strin" (did you mean "string"?)'],
    [{ type: 'object', properties: { n: { minimum: 'one' } } }, 'input_schema.properties.n.minimum: must be number (got "one")'],
    [{ type: 'object', additionalProperties: 'no' }, 'input_schema.additionalProperties: must be object or boolean (got "no")'],
    [{ type: 'object', properties: { n: { $ref: '#/$defs/none' } } }, 'input_schema: not a usable JSON Schema: Reference not found'],
    [{ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: 'x' }, 'input_schema.required: must be array'],
  ])('a tool input_schema that is not valid JSON Schema is reported once, at its place: %j', (schema, message) => {
    expect(withSchema(schema)).toEqual([expect.stringMatching(new RegExp(`^${FILE}: tools\\.0\\.`))]);
    expect(withSchema(schema)[0]).toContain(`tools.0.${message}`);
  });

  it('checks responseSchema too, and accepts valid schemas of either draft', () => {
    expect(problemsOf(scenario((s) => (s.tools[0].responseSchema = { type: 'object', required: 'order_id' })))).toEqual([`${FILE}: tools.0.responseSchema.required: must be array (got "order_id")`]);
    expect(problemsOf(scenario((s) => (s.tools[0].responseSchema = { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] })))).toEqual([]);
    expect(withSchema({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { n: { type: 'integer' } } })).toEqual([]);
  });

  it('a problem zod already reports at a path is not repeated by the JSON Schema check', () => {
    expect(withSchema({ type: 'objet' })).toEqual([`${FILE}: tools.0.input_schema.type: must be "object" (got "objet")`]);
  });

  it('does not claim no service serves an endpoint when the service that would is itself malformed', () => {
    expect(problemsOf(scenario((s) => (s.services.orders.skus = 'B7')))).toEqual([expect.stringMatching(/^\.\/mine\.ts: services\.orders\.skus: /)]);
  });

  it('judges the cross-references it can even when whole fields are malformed', () => {
    const problems = problemsOf(scenario((s) => ((s.tools = 'place_order'), (s.model = []), (s.checks = ['exactly-once', 'nope']), (s.primaryCheck = 'exactly-once'))));
    expect(problems.map((p) => p.split(': ')[1])).toEqual(['tools', 'model', 'checks.1']);
  });

  it('never throws, whatever the input, and every problem names the file and a path', () => {
    const valid = scenario();
    const mutated = fc.tuple(fc.array(fc.oneof(fc.constantFrom('tools', 'faults', 'model', 'services', 'checks', 'plan', 'call', 'input_schema', 'properties', 'endpoint', 'user'), fc.nat(2)), { maxLength: 5 }), fc.anything());
    fc.assert(
      fc.property(mutated, ([path, value]) => {
        const input = structuredClone(valid);
        let at: any = input;
        for (const k of path.slice(0, -1)) at = at !== null && typeof at === 'object' ? at[k] : undefined;
        if (at !== null && typeof at === 'object' && path.length) at[path.at(-1)!] = value;
        const { scenario: s, problems } = validateScenario(path.length ? input : value, FILE);
        for (const p of problems) expect(p).toMatch(/^\.\/mine\.ts: .+: .+$/);
        expect(s === undefined).toBe(problems.length > 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateScenario: tool names', () => {
  it('refuses a tool name given twice, naming tools.<i>.name, the name and the fix', () => {
    const twice = scenario((s) => s.tools.push({ ...structuredClone(s.tools[0]), description: 'Another order tool.', endpoint: { method: 'GET', url: 'https://orders.sim/orders' } }));
    expect(problemsOf(twice)).toEqual([`${FILE}: tools.1.name: "place_order" is already the name of tools.0; tool names must be unique (the Messages API refuses a request with two tools of one name): rename one, or remove the copy`]);
  });

  it('accepts two tools of different names, each on a route of its own', () => {
    const two = scenario((s) => s.tools.push({ ...structuredClone(s.tools[0]), name: 'list_my_orders', endpoint: { method: 'GET', url: 'https://orders.sim/orders' } }));
    expect(problemsOf(two)).toEqual([]);
  });

  it('refuses two tools that reach one route: the request log and the faults could not tell them apart', () => {
    const two = scenario((s) => s.tools.push({ ...structuredClone(s.tools[0]), name: 'place_order_again' }));
    expect(problemsOf(two)).toEqual([
      `${FILE}: tools.1.endpoint: reaches the route of tools.0 ("place_order"), POST https://orders.sim/orders: the request log and the faults could not tell the two apart; give each tool an endpoint of its own`,
    ]);
  });
});

describe('validateScenario: milliseconds a timer must hold', () => {
  const LIMIT = 'at most 2147483647 ms, the largest delay a timer can hold';
  const fault = (f: Record<string, unknown>) => (s: any) => (s.faults = [{ tool: 'place_order', ...f }]);
  it.each([
    ['faults.0.delayMs', fault({ fault: 'slow-reply', delayMs: 2 ** 31 })],
    ['faults.0.replyAfterMs', fault({ fault: 'error-after-commit', replyAfterMs: 2 ** 31 })],
    ['faults.0.commitMs', fault({ fault: 'error-after-commit', commitMs: 2 ** 31 })],
    ['faults.0.maxMs', fault({ fault: 'latency', minMs: 0, maxMs: 2 ** 31 })],
    ['faults.0.spacingMs', fault({ fault: 'reorder', batch: 2, spacingMs: 2 ** 31 })],
    ['model.latencyMs.1', (s: any) => (s.model.latencyMs = [300, 2 ** 31])],
    ['limits.virtualMsMax', (s: any) => (s.limits = { virtualMsMax: 2 ** 31 })],
    ['intent.toolTimeoutMs', (s: any) => (s.intent.toolTimeoutMs = 2 ** 31)],
    ['intent.deadlineMs', (s: any) => (s.intent.deadlineMs = 2 ** 31)],
    ['intent.backoffMsMin', (s: any) => (s.intent.backoffMsMin = 2 ** 31)],
    ['intent.circuit.cooldownMs', (s: any) => (s.intent.circuit = { failuresToOpen: 3, cooldownMs: 2 ** 31 })],
  ])('%s of 2^31 ms is refused with the limit (Node would fire it after 1 ms)', (path, change) => {
    expect(problemsOf(scenario(change))).toEqual([`${FILE}: ${path}: ${LIMIT} (got 2147483648)`]);
  });

  it('accepts 2^31−1 ms everywhere', () => {
    const max = 2 ** 31 - 1;
    const all = scenario((s) => {
      s.faults = [
        { fault: 'slow-reply', tool: 'place_order', delayMs: max },
        { fault: 'error-after-commit', tool: 'place_order', commitMs: max, replyAfterMs: max },
      ];
      s.model.latencyMs = [max, max];
      s.limits = { virtualMsMax: max };
      s.intent = { ...s.intent, toolTimeoutMs: max, deadlineMs: max, backoffMsMin: max, circuit: { failuresToOpen: 3, cooldownMs: max } };
    });
    expect(problemsOf(all)).toEqual([]);
  });

  it('refuses a reorder whose last reply would wait more than a timer holds: batch × spacingMs', () => {
    const reorder = (batch: number, spacingMs: number) => problemsOf(scenario(fault({ fault: 'reorder', batch, spacingMs })));
    expect(reorder(2, 2 ** 30)).toEqual([`${FILE}: faults.0.spacingMs: batch × spacingMs, the wait of a batch's last reply, must be ${LIMIT}`]);
    expect(reorder(2, 2 ** 30 - 1)).toEqual([]);
  });
});

describe('defineScenario', () => {
  it('adds the defaults, and leaves malformed fields for validation to report instead of throwing', () => {
    expect(defineScenario(first).checks).toEqual(['exactly-once', 'agent-completes', 'deployment-has-tools', 'goal', 'bounded-retries', 'tool-timeout', 'loop-deadline', 'tool-budget', 'token-budget']);
    const malformed = defineScenario({ ...first, checks: 'exactly-once', limits: 5 } as never);
    expect(problemsOf(malformed).map((p) => p.split(': ')[1])).toEqual(['limits', 'checks']);
    expect(defineScenario(undefined as never)).toBeUndefined();
  });
});

describe('when.match', () => {
  it('aims a tool fault at some calls, and is refused on an API fault, whose calls have no arguments', () => {
    const base = structuredClone(loadCatalogue().get('model-api-faults')!) as unknown as { faults: unknown[] };
    const aimed = { ...base, faults: [{ fault: 'slow-reply', tool: 'place_order', when: { match: { sku: 'A1' }, first: 1 }, delayMs: 1_000 }] };
    expect(validateScenario(aimed, 'x.ts').problems).toEqual([]);
    const misaimed = { ...base, faults: [{ fault: 'api-error', status: 529, when: { match: { sku: 'A1' } } }] };
    expect(validateScenario(misaimed, 'x.ts').problems).toEqual(['x.ts: faults.0.when.match: match picks tool calls by their arguments, and api-error strikes Messages API calls, which have none: remove it']);
  });
});

describe('validateScenario: faults that can never strike', () => {
  const withFault = (fault: Record<string, unknown>, change: (s: any) => void = () => {}) => scenario((s) => ((s.faults = [fault]), change(s)));
  const drop = (when: Record<string, unknown>) => withFault({ fault: 'drop-reply', tool: 'place_order', when });

  it('refuses a schedule that picks no request, naming the field, for tool and API faults alike', () => {
    const fix = 'first: n strikes the first n matching requests, strike: [1, 3] the ones listed, probability: p a share of them; or remove the fault';
    expect(problemsOf(drop({ first: 0 }))).toEqual([`${FILE}: faults.0.when.first: 0 picks no request, and nothing else in when does: this fault would never strike, for any agent. ${fix}`]);
    expect(problemsOf(drop({ first: [0, 0], probability: 0 }))).toEqual([`${FILE}: faults.0.when.first: [0,0] picks no request, nor does probability 0, and nothing else in when does: this fault would never strike, for any agent. ${fix}`]);
    expect(problemsOf(drop({ probability: 0 }))).toEqual([`${FILE}: faults.0.when.probability: probability 0 with no first or strike picks no request: this fault would never strike, for any agent. ${fix}`]);
    expect(problemsOf(withFault({ fault: 'api-error', status: 529, when: { first: 0 } }))).toEqual([expect.stringMatching(/^\.\/mine\.ts: faults\.0\.when\.first: 0 picks no request/)]);
  });

  it('accepts any schedule that can pick a request, strike numbers beyond the plan included: they hit the retries', () => {
    for (const when of [{}, { first: 1 }, { first: [0, 1] }, { first: 0, probability: 0.1 }, { probability: 0.5 }, { strike: [2] }, { strike: [7] }, { first: 0, strike: [2] }])
      expect(problemsOf(drop(when)), JSON.stringify(when)).toEqual([]);
    // `faultline explore` writes a fault its counterexample does not need as an explicit empty list.
    expect(problemsOf(drop({ strike: [] }))).toEqual([]);
  });

  it('refuses a tool fault on a tool the model never calls, unless its persona takes orders from tool results', () => {
    const base = structuredClone(loadCatalogue().get('error-after-commit')!) as any;
    const onList = { ...base, faults: [{ fault: 'error-status', tool: 'list_orders', status: 503 }] };
    expect(validateScenario(onList, 'x.ts').problems).toEqual([
      'x.ts: faults.0.tool: the model never calls "list_orders" (no step of model.plan calls it; it calls place_order), so this fault would never strike: a fault strikes the requests an agent sends for the model\'s calls, retries included. Aim it at a tool the plan calls, or add a plan step that calls list_orders',
    ]);
    expect(validateScenario({ ...onList, model: { ...base.model, persona: 'gullible' } }, 'x.ts').problems).toEqual([]);
    // The invented tool is called too; `*` aims at every tool; a tool not in tools is reported as that, once.
    expect(validateScenario({ ...onList, faults: [{ fault: 'error-status', tool: '*', status: 503 }] }, 'x.ts').problems).toEqual([]);
    expect(validateScenario({ ...onList, model: { ...base.model, invented: { name: 'list_orders', input: {} } } }, 'x.ts').problems).toEqual([]);
    expect(validateScenario({ ...onList, faults: [{ fault: 'error-status', tool: 'list_order', status: 503 }] }, 'x.ts').problems).toEqual([expect.stringMatching(/^x\.ts: faults\.0\.tool: no tool "list_order" in tools/)]);
  });

  it('refuses a match no planned call of the tool meets, comparing values as text', () => {
    expect(problemsOf(drop({ first: 1, match: { sku: 'Z9', quantity: 12 } }))).toEqual([
      `${FILE}: faults.0.when.match: no call of place_order meets {"sku":"Z9","quantity":12}: the plan's calls of it carry sku "B7"; quantity 12 (values compare as text), so this fault would never strike. Match values a planned call of place_order carries, or drop match to strike its every call`,
    ]);
    expect(problemsOf(drop({ strike: [1], match: { quantity: 13 } }))).toEqual([expect.stringContaining('faults.0.when.match: no call of place_order meets {"quantity":13}')]);
    // A number matches its text, as in a query string; a field of the tool no planned call carries may still be added (by the agent).
    expect(problemsOf(drop({ first: 1, match: { quantity: '12', sku: 'B7' } }))).toEqual([]);
    expect(problemsOf(drop({ first: 1, match: { sku: 'B7' }, strike: [2] }))).toEqual([]);
    // A field the tool does not have at all (a typo) is carried by no request.
    expect(problemsOf(drop({ first: 1, match: { store: 'leeds' } }))).toEqual([`${FILE}: faults.0.when.match.store: place_order has no field "store"; its fields: sku, quantity. No request carries it, so this fault would never strike`]);
    expect(problemsOf(drop({ first: 1, match: { Sku: 'B7' } }))).toEqual([expect.stringContaining('place_order has no field "Sku" (did you mean "sku"?)')]);
    // Any planned call of the tool will do: orphaned-tool-use aims at one call of a parallel batch.
    expect(validateScenario(loadCatalogue().get('orphaned-tool-use'), 'x.ts').problems).toEqual([]);
  });

  it("does not hold a pager's next pages against its match: the page changes from page to page", () => {
    const base = structuredClone(loadCatalogue().get('pagination-loop')!) as any;
    const onPage3 = { ...base, faults: [{ fault: 'strip-data', tool: 'list_products', keep: ['page'], when: { match: { page: 3 } } }] };
    expect(validateScenario(onPage3, 'x.ts').problems).toEqual([]);
    expect(validateScenario({ ...onPage3, model: { ...base.model, persona: 'diligent' } }, 'x.ts').problems).toEqual([expect.stringContaining('faults.0.when.match: no call of list_products meets {"page":3}')]);
  });

  it('every scenario file under test/fixtures and every pinned counterexample still validates', async () => {
    const { loadScenarioFile } = await import('../../scenarios/load-file.ts');
    const files = ['test/fixtures/scenarios/first-scenario.ts', 'test/fixtures/scenarios/live-order.ts', ...(await import('node:fs')).readdirSync('evals/regression/pinned').map((f) => `evals/regression/pinned/${f}`)];
    for (const file of files) expect((await loadScenarioFile(file)).problems, file).toEqual([]);
  });
});
