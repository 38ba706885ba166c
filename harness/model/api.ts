import type { ApiFault } from '../faults/types.ts';
import type { World } from '../world.ts';
import { apiError, ContractError } from './errors.ts';
import { encodeSse, sseEvents } from './sse.ts';
import type { ApiMessage, MessageParam, MessagesRequest, Model, ModelTurn } from './types.ts';
import { validateRequest } from './validate.ts';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export type MessagesApiOptions = {
  world: World;
  model: Model;
  faults: ApiFault[];
  /** Virtual latency of each model call, drawn per call: [min, max] ms. */
  latencyMs: [number, number];
};

type Thread = { system: MessagesRequest['system']; tools: MessagesRequest['tools']; messages: MessageParam[] };

/** What the endpoint hands the model behind it for one request that passed the checks every mode shares. */
type MessagesCall = {
  n: number;
  requestId: string;
  url: URL;
  text: string;
  /** The body parsed (once, for every reader), or its first 2 000 characters when it is not JSON (`json` false). */
  body: unknown;
  json: boolean;
  stream: boolean;
  headers: Headers;
  /** Answers with an API error and records it: for requests the model never sees. */
  refuse(status: number, message: string, details?: unknown): Response;
};

/** A refusal (a Response), or how to answer: the faults wrap that answer. */
export type PrepareCall = (call: MessagesCall) => Response | (() => Promise<Response>);

/**
 * `POST /v1/messages` as every model mode serves it: records each request and answer in the
 * history, holds the agent to the run's own API key (so a live key never reaches the agent), and
 * wraps each answer in the scenario's API faults. `prepare` supplies the model: simulated here,
 * the real API or a cassette in harness/live.
 */
export function messagesEndpoint({ world, faults }: { world: World; faults: ApiFault[] }, prepare: PrepareCall): (request: Request) => Promise<Response> {
  let calls = 0;
  return async (request) => {
    const n = ++calls;
    const requestId = world.ids.id('req_', 24);
    const url = new URL(request.url);
    const text = await request.text();
    const parsed = parseJson(text);
    const body = parsed ? parsed.value : text.slice(0, 2000);
    const stream = (body as { stream?: unknown } | null)?.stream === true;
    world.history.add({ type: 'model-request', n, stream, body });
    // Every refusal is recorded like any other answer, so a runtime bug shows on the timeline.
    const refuse = (status: number, message: string, details?: unknown) => {
      world.history.add({ type: 'model-response', n, status, error: message });
      return apiError({ status, message, requestId, details });
    };
    if (request.method !== 'POST' || url.pathname !== '/v1/messages') return refuse(404, `Not found: ${request.method} ${url.pathname}`);
    const key = request.headers.get('x-api-key') ?? request.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
    if (key !== world.apiKey) return refuse(401, 'invalid x-api-key');
    const prepared = prepare({ n, requestId, url, text, body, json: parsed !== undefined, stream, headers: request.headers, refuse });
    if (prepared instanceof Response) return prepared;
    const chain = faults.reduceRight<() => Promise<Response>>(
      (next, fault) => () =>
        fault.wrap({ world, n, requestId, strike: (detail) => world.history.add({ type: 'fault', fault: fault.name, target: `model#${n}`, detail }) }, next),
      prepared,
    );
    const response = await chain();
    // Errors from a fault or from the model; the refusals above were recorded where they were made.
    if (response.status >= 400) world.history.add({ type: 'model-response', n, status: response.status, error: await response.clone().text() });
    return response;
  };
}

/**
 * The simulated `POST /v1/messages`: the real API's auth, validation, error shapes, JSON and SSE
 * replies, usage, `max_tokens` truncation, and the server-held message threads of the tool runner.
 */
export function createMessagesApi({ world, model, faults, latencyMs }: MessagesApiOptions): (request: Request) => Promise<Response> {
  const threads = new Map<string, Thread>();
  const latency = world.rng.child('model-latency');
  return messagesEndpoint({ world, faults }, ({ n, requestId, text, body: parsed, json, stream, refuse }) => {
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) return refuse(413, 'Request exceeds the maximum allowed number of bytes.');
    if (!json) return refuse(400, 'The request body is not valid JSON.');
    let body: MessagesRequest;
    try {
      body = resolveThread(parsed, threads);
      validateRequest(body);
    } catch (error) {
      return refuse(error instanceof ContractError ? error.status : 400, (error as Error).message, (error as ContractError).details);
    }
    return async () => {
      await world.sleep(latency.int(latencyMs[0], latencyMs[1]));
      let turn: ModelTurn;
      try {
        turn = await model.respond(body, n);
      } catch (error) {
        // A model that breaks is the server's fault: the real API answers 500 api_error.
        return apiError({ status: 500, message: `Internal server error: ${(error as Error).message}`, requestId });
      }
      const message = finish(turn, body, world.ids.id('msg_01', 22));
      if (body.thread) threads.set(message.id, { system: body.system, tools: body.tools, messages: [...body.messages, { role: 'assistant', content: message.content }] });
      recordAnswer(world, n, message);
      const headers = { 'request-id': requestId, 'content-type': stream ? 'text/event-stream' : 'application/json' };
      return new Response(stream ? encodeSse(sseEvents(message)) : JSON.stringify(message), { status: 200, headers });
    };
  });
}

/** Records a 200 answer in the history: what the model said, why it stopped, and what it used. */
export function recordAnswer(world: World, n: number, message: Partial<Pick<ApiMessage, 'id' | 'stop_reason' | 'content' | 'usage'>> | null): void {
  world.history.add({
    type: 'model-response',
    n,
    status: 200,
    ...(message?.id ? { id: message.id } : {}),
    stopReason: message?.stop_reason ?? null,
    content: message?.content,
    usage: { input_tokens: message?.usage?.input_tokens ?? 0, output_tokens: message?.usage?.output_tokens ?? 0 },
  });
}

/** Puts a thread's stored conversation in front of a `continue` request, as the server does. */
function resolveThread(raw: unknown, threads: Map<string, Thread>): MessagesRequest {
  const body = raw as MessagesRequest;
  if (body?.thread?.type !== 'continue') return body;
  const stored = threads.get(body.thread.previous_message_id);
  if (!stored) throw new ContractError(404, `thread not found: ${body.thread.previous_message_id}`, { error_code: 'thread_not_found' });
  return { ...body, system: stored.system, tools: stored.tools, messages: [...stored.messages, ...(body.messages ?? [])] };
}

/** Assigns ids, counts tokens (≈ 4 characters each) and truncates at `max_tokens`. */
function finish(turn: ModelTurn, body: MessagesRequest, id: string): ApiMessage {
  const inputTokens = tokens(JSON.stringify([body.system ?? '', body.tools ?? [], body.messages]));
  let budget = body.max_tokens;
  const content: ApiMessage['content'] = [];
  let stopReason: ApiMessage['stop_reason'] = turn.stopReason;
  let toolIndex = 0;
  for (const block of turn.content) {
    const cost = tokens(block.type === 'text' ? block.text : JSON.stringify(block.input));
    if (cost > budget) {
      // Out of tokens: text is cut mid-sentence; a tool call cannot be half-sent, so it is dropped.
      if (block.type === 'text' && budget > 0) content.push({ type: 'text', text: block.text.slice(0, budget * 4) });
      stopReason = 'max_tokens';
      budget = 0;
      break;
    }
    budget -= cost;
    content.push(block.type === 'text' ? block : { type: 'tool_use', id: `${id.replace('msg_01', 'toolu_01')}${toolIndex++}`, name: block.name, input: block.input });
  }
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: body.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: body.max_tokens - budget, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function safeParse(text: string): unknown {
  const parsed = parseJson(text);
  return parsed ? parsed.value : text.slice(0, 2000);
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

