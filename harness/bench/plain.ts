import Anthropic from '@anthropic-ai/sdk';
import { http, HttpResponse } from 'msw';
import type { Scenario } from '../../scenarios/schema.ts';
import { taskOf } from '../../scenarios/limits.ts';
import type { Agent, AgentReply } from '../agents/types.ts';
import { VirtualClock } from '../clock.ts';
import { parseHistory } from '../history.ts';
import { encodeSse, sseEvents } from '../model/sse.ts';
import type { ApiMessage } from '../model/types.ts';
import type { RunRecord } from '../runner/record.ts';
import { directFetch } from '../runner/direct-fetch.ts';
import { mswServer, serviceHandlers } from '../runner/msw.ts';
import { Rng } from '../rng.ts';
import { serviceRoutes } from '../services/serve.ts';
import { servicesOf } from '../../scenarios/services.ts';
import { World } from '../world.ts';

/** The 200 replies of a recorded run, in order, as full Messages API bodies. */
export function cannedTurns(record: RunRecord): ApiMessage[] {
  return parseHistory(record.history).flatMap((e, i) =>
    e.type === 'model-response' && e.status === 200
      ? [
          {
            id: `msg_01bench${i}`,
            type: 'message' as const,
            role: 'assistant' as const,
            model: 'claude-sonnet-5',
            content: e.content as ApiMessage['content'],
            stop_reason: e.stopReason as ApiMessage['stop_reason'],
            stop_sequence: null,
            usage: { input_tokens: e.usage?.input_tokens ?? 1, output_tokens: e.usage?.output_tokens ?? 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
          },
        ]
      : [],
  );
}

/**
 * A plain agent loop, no harness: the SDK client goes through MSW's interceptor (no `fetch`
 * option) to a handler that serves the canned turns (picked by how many assistant turns the
 * request already holds), and tools go through the same MSW service handlers the harness uses.
 * No virtual clock, no fault chain, no checkers, no serialisation.
 */
export function plainLoop(scenario: Scenario, agent: Agent, turns: ApiMessage[]): () => Promise<AgentReply> {
  const { world, services } = setup(scenario);
  const messages = http.post('https://api.anthropic.com/v1/messages', ({ request }) => cannedReply(request, turns));
  mswServer().resetHandlers(...serviceHandlers(serviceRoutes(world, services, [])), messages);
  const client = new Anthropic({ apiKey: 'sk-ant-bench-plain', baseURL: 'https://api.anthropic.com' });
  const task = taskOf(scenario, scenario.model.name);
  const signal = new AbortController().signal;
  return () => {
    // Each run's tool calls are recorded by the service handlers; drop them so a block does not grow.
    world.history.events.length = 0;
    return agent.run(task, { client, credential: world.userToken, signal });
  };
}

/**
 * The same loop with no MSW on the request path (its interceptor is bypassed, not removed): the SDK gets the canned turns through its `fetch`
 * option and tool calls are dispatched straight to the service routes (`directFetch`). No clock,
 * no recording, no checkers: the ceiling for any in-process harness around this agent and SDK.
 */
export function bareLoop(scenario: Scenario, agent: Agent, turns: ApiMessage[]): () => Promise<AgentReply> {
  const { world, services } = setup(scenario);
  const mswFetch = globalThis.fetch;
  const fetchDirect = directFetch(serviceRoutes(world, services, []), mswFetch);
  const client = new Anthropic({ apiKey: 'sk-ant-bench-bare', baseURL: 'https://api.anthropic.com', fetch: (input, init) => cannedReply(new Request(input as string, { ...(init as RequestInit), signal: null }), turns) });
  const task = taskOf(scenario, scenario.model.name);
  const signal = new AbortController().signal;
  return async () => {
    world.history.events.length = 0;
    globalThis.fetch = fetchDirect;
    try {
      return await agent.run(task, { client, credential: world.userToken, signal });
    } finally {
      globalThis.fetch = mswFetch;
    }
  };
}

function setup(scenario: Scenario) {
  // The services need a World (credentials, request ids); its clock is never installed.
  const world = new World(new Rng(1), new VirtualClock(), { id: 'user:requester', kind: 'user', scopes: ['self'] });
  const services = servicesOf(scenario);
  return { world, services };
}

/** The canned turn for a request: as many assistant turns as the request holds so far. */
async function cannedReply(request: Request, turns: ApiMessage[]): Promise<Response> {
  const body = (await request.json()) as { messages: Array<{ role: string }>; stream?: boolean };
  const turn = turns[body.messages.filter((m) => m.role === 'assistant').length];
  // The same wire format the simulated API uses: SSE for a streaming request, JSON otherwise.
  if (turn && body.stream) return new HttpResponse(encodeSse(sseEvents(turn)), { headers: { 'content-type': 'text/event-stream' } });
  return turn ? HttpResponse.json(turn) : HttpResponse.json({ type: 'error', error: { type: 'invalid_request_error', message: 'script exhausted' } }, { status: 400 });
}
