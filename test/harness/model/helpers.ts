import Anthropic from '@anthropic-ai/sdk';
import { VirtualClock } from '../../../harness/clock.ts';
import type { ApiFault } from '../../../harness/faults/types.ts';
import { eventsOf, type EventOf } from '../../../harness/history.ts';
import { createMessagesApi } from '../../../harness/model/api.ts';
import type { MessageParam, MessagesRequest, Model, ModelTurn } from '../../../harness/model/types.ts';
import type { ScriptSpec } from '../../../harness/model/scripted.ts';
import { Rng } from '../../../harness/rng.ts';
import { World } from '../../../harness/world.ts';

export const MODEL = 'claude-sim-1';
const VIRTUAL_MS_MAX = 3_600_000;

export type Sim = {
  clock: VirtualClock;
  world: World;
  api: (request: Request) => Promise<Response>;
  client: Anthropic;
  /** Runs `work` in virtual time and returns its value, or throws what it threw (or a deadlock / time-cap error). */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** The headers of every request the client sent, in order. */
  headers: Headers[];
  /** The request bodies the simulated API received, in order. */
  requests(): Array<EventOf<'model-request'>>;
  uninstall(): void;
};

let installed: Sim | null = null;

/**
 * A World, a simulated Messages API over `model` and a real SDK client that reaches it through its
 * `fetch` option, with the virtual clock installed. Call `teardown()` in `afterEach`.
 */
export function simulate(model: Model, opts: { seed?: number; faults?: ApiFault[]; maxRetries?: number; apiKey?: string; latencyMs?: [number, number] } = {}): Sim {
  teardown();
  const clock = new VirtualClock();
  const world = new World(new Rng(opts.seed ?? 1), clock, { id: 'user:u', kind: 'user', scopes: [] });
  // MODEL is a fictional name, served as a scenario's scripted model is.
  const api = createMessagesApi({ world, model, faults: opts.faults ?? [], latencyMs: opts.latencyMs ?? [0, 0], models: [MODEL] });
  const headers: Headers[] = [];
  const client = new Anthropic({
    apiKey: opts.apiKey ?? world.apiKey,
    baseURL: 'https://api.anthropic.com',
    fetch: (input, init) => {
      const request = new Request(input as string, init as RequestInit);
      headers.push(new Headers(request.headers));
      return api(request);
    },
    ...(opts.maxRetries === undefined ? {} : { maxRetries: opts.maxRetries }),
  });
  clock.install();
  const sim: Sim = {
    clock,
    world,
    api,
    client,
    headers,
    async run(work) {
      const outcome = await clock.drive(Promise.resolve().then(work), VIRTUAL_MS_MAX);
      if (outcome.status === 'settled') return outcome.value;
      if (outcome.status === 'rejected' || outcome.status === 'uncaught') throw outcome.error;
      throw new Error(`[test] run ended in ${outcome.status} at ${outcome.virtualMs} virtual ms`);
    },
    requests: () => eventsOf(world.history.events, 'model-request'),
    uninstall: () => clock.uninstall(),
  };
  installed = sim;
  return sim;
}

export function teardown(): void {
  installed?.uninstall();
  installed = null;
}

/** Runs `work` and returns what it threw; fails if it did not throw. */
export async function rejection(work: Promise<unknown>): Promise<any> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('[test] expected a rejection');
}

/** A model that plays `turns` in order (the last one repeats), recording what it was asked. */
export function fixedModel(...turns: ModelTurn[]): Model & { seen: MessagesRequest[] } {
  const seen: MessagesRequest[] = [];
  return {
    seen,
    respond(request) {
      seen.push(request);
      return turns[Math.min(seen.length - 1, turns.length - 1)] as ModelTurn;
    },
  };
}

export const text = (t: string): ModelTurn => ({ content: [{ type: 'text', text: t }], stopReason: 'end_turn' });

export const toolUse = (name: string, input: unknown, preamble?: string): ModelTurn => ({
  content: [...(preamble ? [{ type: 'text' as const, text: preamble }] : []), { type: 'tool_use', name, input }],
  stopReason: 'tool_use',
});

/** Stops a runaway loop: the model throws after `max` calls instead of answering forever. */
export function capped(model: Model, max: number): Model & { calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    respond(request, turn) {
      if (++calls > max) throw new Error(`[test] model called more than ${max} times`);
      return model.respond(request, turn);
    },
  };
}

export const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

export type ToolReply = { content: string; is_error?: boolean };

/**
 * A minimal agent loop without the SDK: asks `model`, answers each tool call with `tool`, until the
 * model ends its turn. Returns the calls it made (flat and by turn) and its answer.
 */
export async function play(model: Model, tool: (name: string, input: Record<string, unknown>, call: number) => ToolReply, opts: { system?: string; max?: number; tools?: string[] } = {}) {
  const messages: MessageParam[] = [{ role: 'user', content: 'Do the task.' }];
  // The deployment offers the tools the model plans to call (a scripted model calls no other), and any named.
  const planned = (model as unknown as { spec?: ScriptSpec }).spec?.plan.flatMap((step) => step.call.map((c) => c.name)) ?? [];
  const tools = [...new Set([...planned, ...(opts.tools ?? [])])].map((name) => ({ name, input_schema: { type: 'object' } }));
  const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
  const turns: Array<typeof calls> = [];
  for (let turn = 1; turn <= (opts.max ?? 60); turn++) {
    const reply = await model.respond({ model: MODEL, max_tokens: 4096, messages, tools, ...(opts.system ? { system: opts.system } : {}) }, turn);
    if (reply.stopReason === 'end_turn') return { calls, turns, answer: reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('') };
    const uses = reply.content.flatMap((b, i) => (b.type === 'tool_use' ? [{ type: 'tool_use' as const, id: `toolu_${turn}_${i}`, name: b.name, input: b.input }] : []));
    messages.push({ role: 'assistant', content: uses });
    turns.push(uses.map((u) => ({ name: u.name, input: u.input as Record<string, unknown> })));
    messages.push({ role: 'user', content: uses.map((u) => ({ type: 'tool_result', tool_use_id: u.id, ...tool(u.name, u.input as Record<string, unknown>, calls.push({ name: u.name, input: u.input as Record<string, unknown> })) })) });
  }
  throw new Error(`[test] the model did not answer within ${opts.max ?? 60} turns`);
}
