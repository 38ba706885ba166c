import type { ApiFault } from '../faults/types.ts';
import { portablePaths } from '../portable-paths.ts';
import type { World } from '../world.ts';
import { apiError, ContractError } from './errors.ts';
import { finishTurn } from './finish.ts';
import { checkHeaders } from './headers.ts';
import { ModelCatalogue } from './models.ts';
import { BodyParser } from './request-body.ts';
import { sideEndpoint } from './side-endpoints.ts';
import { encodeSse, sseEvents } from './sse.ts';
import type { ApiMessage, MessageParam, MessagesRequest, Model, ModelTurn } from './types.ts';
import { type ApiVersion, validateRequest } from './validate.ts';
import { Passed } from './validate-messages.ts';
import { wireContent, wireMessage } from './wire.ts';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export type MessagesApiOptions = {
  world: World;
  model: Model;
  faults: ApiFault[];
  /** Virtual latency of each model call, drawn per call: [min, max] ms. */
  latencyMs: [number, number];
  /** Model names served besides the real ones: the scenario's scripted model may bear a fictional name. */
  models?: readonly string[];
};

type Thread = { system: MessagesRequest['system']; tools: MessagesRequest['tools']; messages: MessageParam[] };

/** What the endpoint hands the model behind it for one request that passed the checks every mode shares. */
type MessagesCall = {
  n: number;
  requestId: string;
  url: URL;
  /** The body as recorded and matched (the project's folder written `<project>/`: portablePaths). */
  text: string;
  /** The body as the agent sent it: what a live run forwards to the real API. */
  sent: string;
  /**
   * The body parsed (once, for every reader), or its first 2 000 characters when it is not JSON
   * (`json` false). Frozen: later requests of the conversation share its parts (request-body.ts).
   */
  body: unknown;
  json: boolean;
  stream: boolean;
  headers: Headers;
  /** The request's `anthropic-version`, one the API answers. */
  version: ApiVersion;
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
  const bodies = new BodyParser();
  return async (request) => {
    const n = ++calls;
    const requestId = world.ids.id('req_', 24);
    const url = new URL(request.url);
    const sent = await request.text();
    const text = portablePaths(sent);
    const parsed = bodies.parse(text);
    // The parser hands back the text itself only when it is not JSON; that much is kept of it.
    const json = parsed !== text;
    const body = json ? parsed : text.slice(0, 2000);
    const stream = (body as { stream?: unknown } | null)?.stream === true;
    world.history.add({ type: 'model-request', n, stream, body });
    // Every refusal is recorded like any other answer, so a runtime bug shows on the timeline.
    const refuse = (status: number, message: string, details?: unknown) => {
      world.history.add({ type: 'model-response', n, status, error: message });
      return apiError({ status, message, requestId, details });
    };
    if (request.method !== 'POST' || url.pathname !== '/v1/messages') return refuse(404, `Not found: ${request.method} ${url.pathname}`);
    const checked = checkHeaders(request.headers, world.apiKey);
    if ('status' in checked) return refuse(checked.status, checked.message);
    const prepared = prepare({ n, requestId, url, text, sent, body, json, stream, headers: request.headers, version: checked.version, refuse });
    if (prepared instanceof Response) return prepared;
    const chain = faults.reduceRight<() => Promise<Response>>(
      (next, fault) => () => fault.wrap({ world, n, requestId, body, strike: (detail) => world.history.add({ type: 'fault', fault: fault.name, target: `model#${n}`, detail }) }, next),
      prepared,
    );
    const response = await chain();
    // Errors from a fault or from the model; the refusals above were recorded where they were made.
    if (response.status >= 400) world.history.add({ type: 'model-response', n, status: response.status, error: await response.clone().text() });
    return response;
  };
}

/**
 * The simulated Messages API: `POST /v1/messages` with the real API's auth, validation, error
 * shapes, JSON and SSE replies, usage, stop sequences, `tool_choice`, `max_tokens` truncation and
 * the server-held message threads of the tool runner; beside it `POST /v1/messages/count_tokens`
 * and `GET /v1/models`, which never reach the model and are not model turns in the history.
 */
export function createMessagesApi({ world, model, faults, latencyMs, models = [] }: MessagesApiOptions): (request: Request) => Promise<Response> {
  const threads = new Map<string, Thread>();
  const latency = world.rng.child('model-latency');
  const catalogue = new ModelCatalogue(models);
  const side = sideEndpoint(world, catalogue);
  const passed = new Passed();
  const messages = messagesEndpoint({ world, faults }, ({ n, requestId, text, body: parsed, json, stream, version, refuse }) => {
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) return refuse(413, 'Request exceeds the maximum allowed number of bytes.');
    if (!json) return refuse(400, 'The request body is not valid JSON.');
    let body: MessagesRequest;
    let modelId: string;
    try {
      body = resolveThread(parsed, threads);
      validateRequest(body, version, 'create', passed);
      modelId = catalogue.resolve(body.model);
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
      const message = finishTurn(turn, { ...body, model: modelId }, world.ids.id('msg_01', 22));
      const content = wireContent(message.content);
      if (body.thread) threads.set(message.id, { system: body.system, tools: body.tools, messages: [...body.messages, { role: 'assistant', content }] });
      recordAnswer(world, n, { ...message, content });
      const headers = { 'request-id': requestId, 'content-type': stream ? 'text/event-stream' : 'application/json' };
      return new Response(stream ? encodeSse(sseEvents(message)) : JSON.stringify(wireMessage(message)), { status: 200, headers });
    };
  });
  return (request) => side(request) ?? messages(request);
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
