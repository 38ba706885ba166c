import { describe, expect, it } from 'vitest';
import { renderTemplate, type CallRecord } from '../../../harness/model/template.ts';

const calls = new Map<string, CallRecord[]>([
  [
    'get_order',
    [
      { input: { id: 'A1' }, result: { id: 'A1', total: 120, customer: { name: 'Ada' } } },
      { input: { id: 'B2' }, result: { id: 'B2', total: 2300, customer: { name: 'Grace' } } },
    ],
  ],
  ['get_stock', [{ input: { sku: 'W-1' }, result: { units: 1234567, note: null } }]],
]);

describe('renderTemplate', () => {
  it('{{tool.field}} reads the last successful result of the tool, nested paths included', () => {
    expect(renderTemplate('Order {{get_order.id}} for {{get_order.customer.name}}.', calls)).toBe('Order B2 for Grace.');
  });

  it('|number formats with thousands separators', () => {
    expect(renderTemplate('Total {{get_order.total|number}}; stock {{get_stock.units|number}}.', calls)).toBe('Total 2,300; stock 1,234,567.');
  });

  it('without |number a number is printed as is', () => {
    expect(renderTemplate('{{get_order.total}}', calls)).toBe('2300');
  });

  it('{{#each tool}}…{{/each}} repeats over every successful call with input and result', () => {
    const out = renderTemplate('Orders:{{#each get_order}} {{input.id}}={{result.total|number}};{{/each}} done', calls);
    expect(out).toBe('Orders: A1=120; B2=2,300; done');
  });

  it('two loops and plain fields mix in one template', () => {
    const out = renderTemplate('{{#each get_stock}}[{{input.sku}}]{{/each}}{{#each get_order}}<{{result.customer.name}}>{{/each}} last={{get_order.id}}', calls);
    expect(out).toBe('[W-1]<Ada><Grace> last=B2');
  });

  it('a loop over a tool never called renders nothing', () => {
    expect(renderTemplate('x{{#each refund}}[{{input.id}}]{{/each}}y', calls)).toBe('xy');
  });

  it('a missing tool, a missing field or a null value renders (unknown)', () => {
    expect(renderTemplate('{{refund.id}} {{get_order.nope}} {{get_stock.note}} {{get_order.customer.name.first}}', calls)).toBe('(unknown) (unknown) (unknown) (unknown)');
  });

  it('{{tool}} alone is the whole last result, and |number leaves a string alone', () => {
    const single = new Map<string, CallRecord[]>([['echo', [{ input: {}, result: 'plain text' }]]]);
    expect(renderTemplate('{{echo}} / {{echo|number}}', single)).toBe('plain text / plain text');
  });

  it('|fields lists every field of an object result', () => {
    expect(renderTemplate('{{#each get_stock}}{{result|fields}}{{/each}}', calls)).toBe('units: 1234567, note: null');
  });

  it('a missing field is read from its misread path, a present one never', () => {
    const v2 = new Map<string, CallRecord[]>([['ep', [{ input: {}, result: { title: 'T', speakers: ['Host', 'Guest'] } }]]]);
    const misread = { secondary: 'speakers.0', primary: 'speakers.1', title: 'speakers.0' };
    expect(renderTemplate('{{ep.title}}: {{ep.primary}} / {{ep.secondary}}{{#each ep}} ({{result.primary}}){{/each}}', v2, misread)).toBe('T: Guest / Host (Guest)');
    expect(renderTemplate('{{ep.primary}}', v2)).toBe('(unknown)');
  });

  it('text without placeholders is unchanged', () => {
    expect(renderTemplate('No {placeholders} here {{ }}.', calls)).toBe('No {placeholders} here {{ }}.');
  });
});
