import { describe, expect, it } from 'vitest';
import type { ToolSpec } from '../../../harness/agents/types.ts';
import { lint, namedPrompt, only, tool } from './helpers.ts';

const taking = (properties: Record<string, unknown>, closed = true): Partial<ToolSpec> => ({
  input_schema: { type: 'object', properties, ...(closed ? { additionalProperties: false } : {}) },
});
const lintTools = (...tools: ToolSpec[]) => lint(namedPrompt(tools), tools);

describe('numeric-type', () => {
  it.each([
    ['typed string, named as a count', { quantity: { type: 'string' } }, 'quantity', 'its name, quantity, counts or measures something', 'is typed string'],
    ['camelCase name', { dailyUnits: { type: 'string' } }, 'dailyUnits', 'its name, dailyUnits, counts or measures something', 'is typed string'],
    ['untyped, with a minimum', { stores: { minimum: 1 } }, 'stores', 'it has minimum', 'declares no type'],
    ['a union admitting strings', { days: { type: ['integer', 'string'] } }, 'days', 'its type includes integer', 'is typed integer | string'],
    ['digits in a string', { code: { type: 'string', pattern: '^[0-9]+$' } }, 'code', 'its pattern ^[0-9]+$ accepts only digits', 'is typed string'],
    ['described as a number', { nights: { type: 'string', description: 'Number of nights.' } }, 'nights', 'its description says it is a number', 'is typed string'],
    ['nested', { line: { type: 'object', properties: { qty: { type: 'string' } } } }, 'line.qty', 'its name, qty, counts or measures something', 'is typed string'],
    ['in array items', { lines: { type: 'array', items: { type: 'object', properties: { amount: {} } } } }, 'lines[].amount', 'its name, amount, counts or measures something', 'declares no type'],
  ])('fires for a number %s', (_, properties, path, why, typing) => {
    const [finding, ...rest] = only(lintTools(tool('t', taking(properties))), 'numeric-type');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ tool: 't', message: `t: input ${path} holds a number (${why}) but ${typing}, so "10" passes unchecked and a lenient backend may coerce it`, fix: `declare ${path} as type: 'integer' (or 'number')` });
  });

  it.each([
    ['integer', { quantity: { type: 'integer', minimum: 1 } }],
    ['number or null', { price: { type: ['number', 'null'] } }],
    ['a plain string', { sku: { type: 'string' } }],
    ['a string id', { customer_id: { type: 'string' } }],
    ['a text enum with a numeric-sounding name', { page: { type: 'string', enum: ['first', 'last'] } }],
    ['a dated string', { days: { type: 'string', format: 'date' } }],
    ['a boolean', { count: { type: 'boolean' } }],
    ['an alphanumeric pattern', { sku: { type: 'string', pattern: '^[A-Z0-9-]+$' } }],
  ])('is silent for %s', (_, properties) => {
    expect(only(lintTools(tool('t', taking(properties))), 'numeric-type')).toEqual([]);
  });
});

describe('numeric-strict', () => {
  it('fires for a tool with numeric inputs and an open schema, naming them', () => {
    expect(only(lintTools(tool('list_products', taking({ page: { type: 'integer' }, sku: { type: 'string' } }, false))), 'numeric-strict')).toMatchObject([
      { tool: 'list_products', message: 'list_products takes numbers (page) but sets neither strict: true nor additionalProperties: false, so arguments outside its schema reach the backend unchecked' },
    ]);
  });

  it('is silent when the tool is strict, its schema closed, or it takes no numbers', () => {
    expect(only(lintTools(tool('a', { ...taking({ page: { type: 'integer' } }, false), strict: true })), 'numeric-strict')).toEqual([]);
    expect(only(lintTools(tool('b', taking({ page: { type: 'integer' } }))), 'numeric-strict')).toEqual([]);
    expect(only(lintTools(tool('c', taking({ sku: { type: 'string' } }, false))), 'numeric-strict')).toEqual([]);
  });
});

describe('not-idempotent', () => {
  it.each(['write', 'charge', 'send', 'provision', 'destructive'] as const)("fires for effect '%s' without idempotent: true", (effect) => {
    const found = only(lintTools(tool('t', { effect, target: undefined }), tool('u', { effect, idempotent: false })), 'not-idempotent');
    expect(found.map((f) => f.tool)).toEqual(['t', 'u']);
    expect(found[0]!.message).toBe(`t has effect '${effect}' but does not declare idempotent: true, so a retry after a lost reply may repeat the effect or misreport it`);
  });

  it('is silent for reads and for idempotent effects', () => {
    expect(only(lintTools(tool('r'), tool('w', { effect: 'charge', idempotent: true })), 'not-idempotent')).toEqual([]);
  });
});

describe('no-target', () => {
  const volume = taking({ volume_id: { type: 'string' } });

  it('fires for a destructive tool without a target, offering its inputs', () => {
    expect(only(lintTools(tool('delete_volume', { ...volume, effect: 'destructive', idempotent: true })), 'no-target')).toMatchObject([
      { tool: 'delete_volume', fix: 'declare target: the input field that names what delete_volume acts on (one of: volume_id)' },
    ]);
  });

  it('fires for a target that is not an input property, on any tool', () => {
    expect(only(lintTools(tool('send_email', { ...taking({ to: { type: 'string' } }), effect: 'send', idempotent: true, target: 'recipient' })), 'no-target')).toMatchObject([
      { message: "send_email declares target 'recipient', which is not a property of its input_schema" },
    ]);
  });

  it('is silent for a destructive tool with its target, and for tools with no effect on anything named', () => {
    expect(only(lintTools(tool('delete_volume', { ...volume, effect: 'destructive', idempotent: true, target: 'volume_id' }), tool('place', { effect: 'charge', idempotent: true })), 'no-target')).toEqual([]);
  });
});

describe('tool lines', () => {
  const tools = [tool('lookup_product', { effect: 'write' })];
  const at = (source: string | undefined) => only(lint(namedPrompt(tools), tools, source), 'not-idempotent')[0]!.line;

  it('is the line of the tool\'s definition: name: \'x\' in a module, "name": "x" in JSON, else line 1', () => {
    expect(at("export default [\n  {\n    name: 'lookup_product',\n  },\n];")).toBe(3);
    expect(at('[\n  {\n    "description": "…",\n    "name": "lookup_product"\n  }\n]')).toBe(4);
    expect(at('export default tools;')).toBe(1);
    expect(at(undefined)).toBe(1);
  });

  it("skips calls of the tool ({ name: 'x', input }) and falls back to tools.x in a scenario", () => {
    expect(at("plan: [{ call: [{ name: 'lookup_product', input: {} }] }],\ntools: [tools.lookup_product],")).toBe(2);
    expect(at("plan: [{ call: [{ name: 'lookup_product', input: {} }] }],\n\n  name: 'lookup_product',")).toBe(3);
  });
});
