import { describe, expect, it } from 'vitest';
import { readResult } from '../../../harness/model/conversation.ts';
import { personas } from '../../../harness/model/personas.ts';
import { ScriptedModel } from '../../../harness/model/scripted.ts';
import { constrainTurn } from '../../../harness/model/tool-choice.ts';
import type { Model } from '../../../harness/model/types.ts';
import { MODEL, play, type ToolReply } from './helpers.ts';

const diligent = personas.diligent!;

describe('ScriptedModel plans', () => {
  it('with no plan it answers at once', async () => {
    const model = new ScriptedModel({ persona: diligent, plan: [], answer: 'Nothing to do.' }, 1);
    const turn = await model.respond({ model: MODEL, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }, 1);
    expect(turn).toEqual({ content: [{ type: 'text', text: 'Nothing to do.' }], stopReason: 'end_turn' });
  });

  it('walks the plan step by step and renders the answer from the results', async () => {
    const plan = [{ call: [{ name: 'find_customer', input: { email: 'ada@example.com' } }] }, { call: [{ name: 'get_orders', input: { customer: 'c_1' } }] }];
    const model = new ScriptedModel({ persona: diligent, plan, answer: '{{find_customer.name}} has {{get_orders.count}} orders.' }, 1);
    const { calls, answer } = await play(model, (name) => ({ content: JSON.stringify(name === 'find_customer' ? { name: 'Ada' } : { count: 3 }) }));
    expect(calls.map((c) => c.name)).toEqual(['find_customer', 'get_orders']);
    expect(answer).toBe('Ada has 3 orders.');
  });

  it('sends a step of parallel calls in one turn and retries only the one that failed', async () => {
    const plan = [
      {
        call: [
          { name: 'stock', input: { sku: 'A' } },
          { name: 'stock', input: { sku: 'B' } },
        ],
      },
    ];
    const model = new ScriptedModel({ persona: diligent, plan, answer: '{{#each stock}}{{input.sku}}:{{result.units}} {{/each}}' }, 1);
    let failedOnce = false;
    const { turns, answer } = await play(model, (_, input): ToolReply => {
      if (input.sku === 'B' && !failedOnce) return ((failedOnce = true), { content: 'request timed out', is_error: true });
      return { content: JSON.stringify({ units: input.sku === 'A' ? 5 : 7 }) };
    });
    expect(turns.map((t) => t.map((c) => c.input.sku))).toEqual([['A', 'B'], ['B']]);
    expect(answer).toBe('A:5 B:7 ');
  });

  it('with parallel calls disabled, makes a step one call a turn and still finishes the plan', async () => {
    const plan = [
      {
        call: [
          { name: 'stock', input: { sku: 'A' } },
          { name: 'stock', input: { sku: 'B' } },
        ],
      },
      { call: [{ name: 'order', input: { sku: 'A' } }] },
    ];
    const model = new ScriptedModel({ persona: diligent, plan, answer: '{{#each stock}}{{input.sku}}:{{result.units}} {{/each}}ordered' }, 1);
    // What the API leaves of each turn when the request says disable_parallel_tool_use.
    const oneAtATime: Model = { respond: async (request, turn) => constrainTurn(await model.respond(request, turn), { ...request, tool_choice: { type: 'auto', disable_parallel_tool_use: true } }) };
    const { turns, answer } = await play(oneAtATime, (_, input) => ({ content: JSON.stringify({ units: input.sku === 'A' ? 5 : 7 }) }), { tools: ['stock', 'order'] });
    expect(turns.map((t) => t.map((c) => `${c.name}:${c.input.sku}`))).toEqual([['stock:A'], ['stock:B'], ['order:A']]);
    expect(answer).toBe('A:5 B:7 ordered');
  });

  it('honours tool_choice: none answers in words, a forced tool is called with its planned input', async () => {
    const plan = [{ call: [{ name: 'find_customer', input: { email: 'ada@example.com' } }] }, { call: [{ name: 'get_orders', input: { customer: 'c_1' } }] }];
    const model = new ScriptedModel({ persona: diligent, plan, answer: 'Orders: {{get_orders.count}}.' }, 1);
    const request = {
      model: MODEL,
      max_tokens: 100,
      messages: [{ role: 'user' as const, content: 'go' }],
      tools: [
        { name: 'find_customer', input_schema: { type: 'object' } },
        { name: 'get_orders', input_schema: { type: 'object' } },
      ],
    };
    expect(await model.respond({ ...request, tool_choice: { type: 'none' } }, 1)).toEqual({ content: [{ type: 'text', text: 'Orders: (unknown).' }], stopReason: 'end_turn' });
    expect(await model.respond({ ...request, tool_choice: { type: 'tool', name: 'get_orders' } }, 1)).toEqual({ content: [{ type: 'tool_use', name: 'get_orders', input: { customer: 'c_1' } }], stopReason: 'tool_use' });
  });

  it('is a function of the conversation: the same request gives the same turn', async () => {
    const spec = { persona: personas.hallucinator!, plan: [{ call: [{ name: 'x', input: {} }] }], answer: 'done', invented: { name: 'y', input: {} } };
    const request = { model: MODEL, max_tokens: 100, messages: [{ role: 'user' as const, content: 'go' }] };
    const a = await new ScriptedModel(spec, 42).respond(request, 1);
    const b = await new ScriptedModel(spec, 42).respond(request, 1);
    expect(a).toEqual(b);
    const variants = new Set<unknown>();
    for (let seed = 0; seed < 20; seed++) variants.add(((await new ScriptedModel(spec, seed).respond(request, 1)).content[0] as { input: { variant: string } }).input.variant);
    expect(variants.size).toBeGreaterThan(1);
  });
});

describe('readResult: how the model reads a tool result', () => {
  it.each([
    [{ content: '{"units":5}' }, { ok: true, retryable: false, fatal: false, typeError: false }],
    [
      { content: 'boom', is_error: true },
      { ok: false, retryable: false, fatal: false },
    ],
    [{ content: 'Error: 503 upstream' }, { ok: false, retryable: true, fatal: false }],
    [{ content: '{"error":"busy","retryable":true}' }, { ok: false, retryable: true }],
    [{ content: '{"error":"gone","retryable":false}' }, { ok: false, retryable: false, fatal: true }],
    [
      { content: 'Error: qty must be an integer', is_error: true },
      { ok: false, typeError: true },
    ],
    [
      {
        content: [
          { type: 'text', text: 'Error: fatal, ' },
          { type: 'text', text: 'timed out' },
        ],
      },
      { ok: false, fatal: true, retryable: false },
    ],
  ])('%j reads as %j', (block, expected) => {
    expect(readResult({ type: 'tool_result', tool_use_id: 't', ...block })).toMatchObject(expected);
  });
});

describe('the scripted model within the deployment', () => {
  it('never calls a planned tool the request does not offer, and says in words which one it lacks', async () => {
    const spec = { persona: personas.diligent!, plan: [{ call: [{ name: 'reserve', input: { sku: 'W-1' } }] }], answer: 'done' };
    const model = new ScriptedModel(spec, 1);
    const offered = await model.respond({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'go' }], tools: [{ name: 'reserve', input_schema: { type: 'object' } }] }, 1);
    expect(offered.content).toMatchObject([{ type: 'tool_use', name: 'reserve' }]);
    const withheld = await model.respond({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'go' }], tools: [{ name: 'release', input_schema: { type: 'object' } }] }, 1);
    expect(withheld).toEqual({ content: [{ type: 'text', text: 'I cannot do this: it needs reserve, which I was not given.' }], stopReason: 'end_turn' });
  });
});
