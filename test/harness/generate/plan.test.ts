import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { arbitraryOf } from '../../../harness/generate/arbitrary.ts';
import { loadDeployment } from '../../../harness/generate/deployment.ts';
import { planCalls, valuesIn } from '../../../harness/generate/plan.ts';
import { Code, literal, SPREAD } from '../../../harness/generate/source.ts';
import { projectOut } from './helpers.ts';

const TEAM = 'test/fixtures/team';

describe('arbitraryOf (JSON Schema → fast-check)', () => {
  const schemas = [
    { type: 'integer', minimum: 1 },
    { type: 'integer', exclusiveMinimum: 0, maximum: 5 },
    { type: 'number', minimum: -3, maximum: 3 },
    { type: 'string' },
    { type: 'string', minLength: 2, maxLength: 4 },
    { type: 'string', format: 'email' },
    { type: 'string', pattern: '^[A-Z]{2}-\\d{3}$' },
    { type: 'string', enum: ['a', 'b'] },
    { type: ['string', 'null'] },
    { type: 'array', items: { type: 'boolean' }, minItems: 2 },
    { type: 'object', properties: { id: { type: 'string' }, n: { type: 'integer' } }, required: ['id'], additionalProperties: false },
    { anyOf: [{ type: 'integer' }, { const: 'none' }] },
  ];

  it('draws only values the schema accepts, the same ones for the same seed', () => {
    for (const schema of schemas) {
      const accepts = z.fromJSONSchema(schema as never);
      const values = fc.sample(arbitraryOf(schema), { seed: 42, numRuns: 50 });
      for (const value of values) expect(accepts.safeParse(value).success, `${JSON.stringify(schema)}: ${JSON.stringify(value)}`).toBe(true);
      expect(fc.sample(arbitraryOf(schema), { seed: 42, numRuns: 50 })).toEqual(values);
    }
  });

  it('keeps unbounded numbers small and strings readable', () => {
    expect(fc.sample(arbitraryOf({ type: 'integer' }), { seed: 1, numRuns: 100 }).every((n) => (n as number) >= 1 && (n as number) <= 100)).toBe(true);
    expect(fc.sample(arbitraryOf({ type: 'string' }), { seed: 1, numRuns: 20 }).every((s) => /^[a-z ]*$/.test(s as string))).toBe(true);
  });
});

describe('the example world', () => {
  it('knows each scalar by its field, and the keys of a record by its singular', () => {
    const values = valuesIn({ skus: { A1: { name: 'peas' }, B7: { name: 'oil' } }, customers: [{ customer_id: 'C-1', balance: 3 }] });
    expect(values.get('sku')).toEqual(['A1', 'B7']);
    expect(values.get('name')).toEqual(['peas', 'oil']);
    expect(values.get('customer_id')).toEqual(['C-1']);
    expect(values.get('balance')).toEqual([3]);
  });

  it("plans calls with the values it knows, and keeps only those its service answers 2xx: the requester's orders, not someone else's", async () => {
    const deployment = await loadDeployment(`${TEAM}/tools.ts`, [`${TEAM}/services/shop.ts`, `${TEAM}/services/mail.ts`]);
    const tool = (name: string) => deployment.tools.find((t) => t.name === name)!;
    const lookups = await planCalls(deployment, tool('lookup_order'), 1);
    expect(new Set(lookups.ok.map((p) => p.input.order_id))).toEqual(new Set(['o-1001', 'o-1002']));
    expect(lookups.refused?.input).toEqual({ order_id: 'o-2001' });
    expect(lookups.refused?.reply.status).toBe(404);
    const refunds = await planCalls(deployment, tool('refund_order'), 1);
    expect(refunds.ok.length).toBeGreaterThan(0);
    for (const { input, reply } of refunds.ok) {
      expect(['o-1001', 'o-1002']).toContain(input.order_id);
      expect(reply.commits).toEqual([{ service: 'shop', kind: 'refund', effect: expect.objectContaining({ order_id: input.order_id, amount_cents: input.amount_cents }) }]);
    }
    // A recipient field takes the world's email addresses, here from the shop's orders.
    const emails = await planCalls(deployment, tool('send_email'), 1);
    expect(new Set(emails.ok.map((p) => p.input.to))).toEqual(new Set(['ada@example.com', 'bo@example.com']));
  });
});

describe('a deployment generate cannot use', () => {
  it('is exit 2 naming the service file: an example its seed schema refuses, and none where {} will not do', async () => {
    const dir = dirname(projectOut());
    mkdirSync(join(dir, 'services'));
    const service = (name: string, example: string) =>
      `import { defineService, json } from 'faultline';\nimport { z } from 'zod';\n` +
      `export default defineService({ id: '${name}', host: 'https://${name}.example', seed: z.object({ rows: z.array(z.string()) }),${example}\n` +
      `  routes: [{ method: 'GET', path: '/rows', handle: ({ state }) => json(200, state) }] });\n`;
    writeFileSync(join(dir, 'services', 'wrong.ts'), service('wrong', " example: { rows: 'r-1' },"));
    writeFileSync(join(dir, 'services', 'none.ts'), service('none', ''));
    const tool = (name: string) => ({ name: `read_${name}`, description: 'Reads rows.', input_schema: { type: 'object', properties: {} }, endpoint: { method: 'GET', url: `https://${name}.example/rows` }, effect: 'read' });
    writeFileSync(join(dir, 'tools.json'), JSON.stringify([tool('wrong'), tool('none')]));
    const files = [join(dir, 'services', 'wrong.ts'), join(dir, 'services', 'none.ts')];
    await expect(loadDeployment(join(dir, 'tools.json'), files)).rejects.toThrow(new RegExp(`${files[0]}: example: rows: .*\\n  ${files[1]}: example: missing; give the service an example seed`));
  });
});

describe('literal (the source a generated file holds)', () => {
  it('prints values a person reads, that evaluate back to the same value', () => {
    const value = { id: 'refund-order', 'needs-quotes': "it's", n: [1, 2.5, true, null], nested: { a: { b: 'x\ny' } } };
    const text = literal(value);
    expect(text).toBe(`{ id: 'refund-order', 'needs-quotes': "it's", n: [1, 2.5, true, null], nested: { a: { b: 'x\\ny' } } }`);
    expect(new Function(`return ${text}`)()).toEqual(value);
  });

  it('puts one entry on a line when a value does not fit, and spreads code first', () => {
    const long = { rows: Array.from({ length: 4 }, (_, i) => ({ order_id: `o-100${i}`, owner: 'user:requester', total_cents: 4200 + i })) };
    expect(literal(long).split('\n')).toEqual([
      '{',
      '  rows: [',
      "    { order_id: 'o-1000', owner: 'user:requester', total_cents: 4200 },",
      "    { order_id: 'o-1001', owner: 'user:requester', total_cents: 4201 },",
      "    { order_id: 'o-1002', owner: 'user:requester', total_cents: 4202 },",
      "    { order_id: 'o-1003', owner: 'user:requester', total_cents: 4203 },",
      '  ],',
      '}',
    ]);
    expect(literal({ [SPREAD]: new Code('tools.lookup_order'), responseSchema: { type: 'object' } })).toBe("{ ...tools.lookup_order, responseSchema: { type: 'object' } }");
  });
});
