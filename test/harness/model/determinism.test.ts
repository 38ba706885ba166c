import { betaZodTool } from '@anthropic-ai/sdk/helpers/beta/zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { personas } from '../../../harness/model/personas.ts';
import { ScriptedModel } from '../../../harness/model/scripted.ts';
import { MODEL, simulate, teardown } from './helpers.ts';

afterEach(teardown);

/** One tool-runner conversation in a fresh world: its replies and the serialised history. */
async function converse(seed: number) {
  const plan = [
    {
      call: [
        { name: 'lookup', input: { q: 'a' } },
        { name: 'lookup', input: { q: 'b' } },
      ],
    },
  ];
  const model = new ScriptedModel({ persona: personas.researcher!, plan, answer: 'Found {{#each lookup}}{{result.hit}} {{/each}}' }, seed);
  const sim = simulate(model, { seed, latencyMs: [50, 900] });
  const tool = betaZodTool({
    name: 'lookup',
    description: 'Look something up',
    inputSchema: z.object({ q: z.string(), follow_up: z.string().optional() }),
    run: async ({ q }) => JSON.stringify({ hit: q.toUpperCase() }),
  });
  const replies: Array<{ id: string; content: unknown; usage: unknown }> = [];
  await sim.run(async () => {
    const runner = sim.client.beta.messages.toolRunner({ model: MODEL, max_tokens: 500, max_iterations: 4, messages: [{ role: 'user', content: 'Look up a and b' }], tools: [tool] });
    for await (const m of runner) replies.push({ id: m.id, content: m.content, usage: m.usage });
  });
  const history = sim.world.history.serialize();
  const virtualMs = sim.clock.now();
  teardown();
  return { replies, history, virtualMs };
}

describe('determinism', () => {
  it('the same seed and conversation give the same ids, responses, timing and history', async () => {
    const a = await converse(7);
    const b = await converse(7);
    expect(a.replies.length).toBe(4);
    expect(b.replies).toEqual(a.replies);
    expect(b.virtualMs).toBe(a.virtualMs);
    expect(b.history).toBe(a.history);
    const toolIds = a.replies.flatMap((r) => (r.content as Array<{ id?: string }>).flatMap((c) => (c.id ? [c.id] : [])));
    expect(toolIds.length).toBeGreaterThanOrEqual(4);
    expect(new Set(toolIds).size).toBe(toolIds.length);
  });

  it('a different seed gives different ids and latencies', async () => {
    const a = await converse(7);
    const c = await converse(8);
    expect(c.replies.map((r) => r.id)).not.toEqual(a.replies.map((r) => r.id));
    expect(c.virtualMs).not.toBe(a.virtualMs);
    expect(c.history).not.toBe(a.history);
  });
});
