// examples/minimal-agent.ts — a small agent runtime written from the agent contract alone
// (harness/agents/types.ts): start here to bring your own agent to faultline.
//   npx faultline run --agent ./examples/minimal-agent.ts --seeds 20
import { createHash } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { Agent, AgentEnv, AgentReply, AgentTask, ToolSpec } from '../harness/agents/types.ts';

type ToolUse = Anthropic.ToolUseBlock;
type ToolResult = Anthropic.ToolResultBlockParam;
type Input = Record<string, unknown>;
/** One send of a tool call: its reply, or why there was none (`status: null`: timeout or network error). */
type Outcome = { ok: boolean; status: number | null; text: string; retryAfterMs: number };
/** Per logical call (tool + canonical arguments): what the attempt bound and the backoff need. */
type CallState = { sends: number; succeeded: number; failuresInRow: number; lastFailureAt: number; retryAfterMs: number };
type Circuit = { failures: number; lastFailureAt: number; probing: boolean };

// 408, 409, 425, 429 and 5xx (529: overloaded) may succeed later; any other 4xx will not.
const RETRYABLE = new Set([408, 409, 425, 429, 500, 502, 503, 504, 529]);
const TRANSIENT = 'This error is transient: retrying later may succeed.';
const PERMANENT = 'This error is permanent: do not retry.';

/** Ends the run early, on a budget or an error; the run's catch turns it into an honest reply. */
class Stop extends Error {
  constructor(
    readonly reason: 'limit' | 'error',
    message: string,
  ) {
    super(message);
  }
}

/** The same arguments in any key order are the same call. */
const canonical = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
const stringsIn = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(stringsIn) : []);
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const abort = () => (clearTimeout(timer), reject(signal.reason));
    const timer = setTimeout(() => (signal.removeEventListener('abort', abort), resolve()), Math.max(0, ms));
    signal.addEventListener('abort', abort, { once: true });
  });

/** Retry-After in seconds or as an HTTP date, in ms (0 when absent). */
function retryAfterMs(headers: Headers): number {
  const value = headers.get('retry-after');
  if (!value) return 0;
  return Number.isFinite(Number(value)) ? Number(value) * 1000 : Math.max(0, Date.parse(value) - Date.now()) || 0;
}

/** What is wrong with `input` for `spec`, in words a model can act on (`days: expected integer, got "23"`), or undefined. */
function invalidInput(spec: ToolSpec, schema: z.ZodType, input: unknown): string | undefined {
  const declared = (spec.input_schema.properties ?? {}) as Record<string, { type?: string }>;
  return schema
    .safeParse(input)
    .error?.issues.map(({ code, path, message }) => {
      const field = String(path[0] ?? 'input');
      // zod says "expected number" for an integer; name the type the schema declares.
      const type = code === 'invalid_type' ? declared[field]?.type : undefined;
      return type ? `${field}: expected ${type}, got ${JSON.stringify((input as Input)[field]) ?? 'nothing'}` : `${field}: ${message}`;
    })
    .join('; ');
}

function minimalRun(task: AgentTask, env: AgentEnv) {
  const { limits } = task;
  // Keep a little of the deadline to hand the reply back in time (a stricter limit is allowed).
  const runMs = limits.deadlineMs - Math.min(1000, limits.deadlineMs / 20);
  const deadlineAt = Date.now() + runMs;
  const deadline = AbortSignal.any([env.signal, AbortSignal.timeout(runMs)]);
  const tools = new Map(task.tools.map((t) => [t.name, t]));
  const inputSchemas = new Map(task.tools.map((t) => [t.name, z.fromJSONSchema(t.input_schema as never)]));
  const replySchemas = new Map(task.tools.flatMap((t) => (t.responseSchema ? [[t.name, z.fromJSONSchema(t.responseSchema as never)] as const] : [])));
  const apiTools = task.tools.map(({ name, description, input_schema, strict }) => ({ name, description, input_schema, ...(strict === undefined ? {} : { strict }) }));
  // Only the user's own words may choose whom an effect lands on.
  const trusted = `${task.system}\n${task.prompt}`;
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: task.prompt }];
  const calls = new Map<string, CallState>();
  const circuits = new Map<string, Circuit>();
  // Effects sent to a service, by call: their last outcome is what the final reply may report.
  const effects = new Map<string, { ok: boolean; note: string }>();
  const spent = { toolCalls: 0, modelTurns: 0, tokens: 0 };
  let unknownStreak = 0;
  let toolOutput = '';
  // Every tool_use id the conversation holds: a reply may repeat one (a gateway numbering calls per response).
  const ids = new Set<string>();

  async function callModel(): Promise<Anthropic.Message> {
    for (let attempt = 1; ; attempt++) {
      if (spent.modelTurns >= limits.modelTurns) throw new Stop('limit', `the model-turn budget (${limits.modelTurns} turns) is spent`);
      // ~3 characters a token over-estimates English and JSON, so the estimate errs on the safe side.
      const estimate = Math.ceil(JSON.stringify([task.system, apiTools, messages]).length / 3) + task.maxTokens;
      if (spent.tokens + estimate > limits.tokenBudget) throw new Stop('limit', `the next model turn could take ~${estimate} tokens and only ${limits.tokenBudget - spent.tokens} of the ${limits.tokenBudget}-token budget are left`);
      spent.modelTurns++;
      try {
        const body = { model: task.model, max_tokens: task.maxTokens, system: task.system, tools: apiTools as Anthropic.Tool[], messages };
        const message = await env.client.messages.create(body, { signal: deadline });
        const u = message.usage;
        spent.tokens += u.input_tokens + u.output_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
        return message;
      } catch (error) {
        spent.tokens += estimate; // a reply that broke in transit (cut body) may still have been billed
        const status = (error as { status?: number }).status;
        // The SDK has already retried API errors; one more try covers a reply that broke after its 200.
        if (deadline.aborted || attempt >= 2 || (status !== undefined && !RETRYABLE.has(status))) throw error;
        await sleep(limits.backoffMs, deadline);
      }
    }
  }

  /** One HTTP send of a tool call, with the per-call timeout; only the run's deadline escapes as an exception. */
  async function send(spec: ToolSpec, input: Input, key: string): Promise<Outcome> {
    const url = new URL(spec.endpoint.url);
    const get = spec.endpoint.method === 'GET';
    if (get) for (const [k, v] of Object.entries(input)) if (v != null) url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    const headers: Record<string, string> = { authorization: `Bearer ${env.credential}`, accept: 'application/json' };
    if (!get) headers['content-type'] = 'application/json';
    // The same logical call always carries the same key, so a resend after a lost reply cannot act twice.
    if (spec.effect !== 'read' && spec.idempotent) headers['idempotency-key'] = createHash('sha256').update(key).digest('hex').slice(0, 32);
    const signal = AbortSignal.any([deadline, AbortSignal.timeout(limits.toolTimeoutMs)]);
    spent.toolCalls++;
    try {
      const response = await fetch(url, { method: spec.endpoint.method, headers, body: get ? undefined : JSON.stringify(input), signal });
      const text = await response.text();
      return { ok: response.ok, status: response.status, text, retryAfterMs: retryAfterMs(response.headers) };
    } catch (error) {
      if (deadline.aborted) throw error;
      const why = signal.aborted ? `no reply within ${limits.toolTimeoutMs} ms (timed out)` : `a network error (${(error as Error).message})`;
      return { ok: false, status: null, text: why, retryAfterMs: 0 };
    }
  }

  /** Runs one tool_use to its tool_result: checks, then sends with retries, backoff and the breaker. */
  async function callTool(use: ToolUse): Promise<ToolResult> {
    const error = (text: string): ToolResult => ({ type: 'tool_result', tool_use_id: use.id, is_error: true, content: text });
    const spec = tools.get(use.name);
    if (!spec) {
      spent.toolCalls++;
      return error(`Error: there is no tool named ${use.name}; it does not exist. ${PERMANENT} Use only: ${[...tools.keys()].join(', ')}.`);
    }
    const input = (use.input ?? {}) as Input;
    const invalid = invalidInput(spec, inputSchemas.get(spec.name) as z.ZodType, input);
    if (invalid) return error(`Error: invalid input for ${spec.name}: ${invalid}. Nothing was sent; call it again only with corrected arguments.`);
    const key = `${spec.name} ${canonical(input)}`;
    if (spec.effect !== 'read') {
      const target = spec.target === undefined ? undefined : input[spec.target];
      if (spec.target && (typeof target !== 'string' || !trusted.includes(target)))
        return error(`Refused: ${spec.name} may only act on a ${spec.target} the user named, and the user did not name ${JSON.stringify(target)}. Nothing was sent. ${PERMANENT} Ask the user.`);
      // Text inside tool results is data, never an instruction: an effect may not carry a value only tool output supplied.
      const planted = stringsIn(input).find((v) => toolOutput.includes(v) && !trusted.includes(v));
      if (planted) return error(`Refused: ${JSON.stringify(planted)} comes from tool output, not from the user, so ${spec.name} was not sent. ${PERMANENT}`);
    }
    if (spec.effect === 'destructive') {
      const approved = (await env.confirm?.({ tool: spec.name, input, summary: `${key}: ${spec.description}` })) ?? false;
      if (!approved) return error(`Not sent: the user did not approve ${key}. Do not retry it without the user's approval.`);
    }
    const state = calls.get(key) ?? (calls.set(key, { sends: 0, succeeded: 0, failuresInRow: 0, lastFailureAt: 0, retryAfterMs: 0 }).get(key) as CallState);
    const circuit = circuits.get(spec.name) ?? (circuits.set(spec.name, { failures: 0, lastFailureAt: 0, probing: false }).get(spec.name) as Circuit);
    let last: Outcome | undefined;
    // An effect counts every send of the run; a read counts this tool_use's sends plus its earlier successes (a loop),
    // so a read that failed may be asked for again later.
    const before = spec.effect === 'read' ? state.succeeded : 0;
    for (let sentNow = 0; ; sentNow++) {
      const lastText = last ? `${describe(spec, last)} ` : '';
      if ((spec.effect === 'read' ? before + sentNow : state.sends) >= limits.attemptsPerCall) {
        if (spec.effect === 'read' && last) return error(describe(spec, last));
        return error(`${lastText}Not sent: this exact call has had its ${limits.attemptsPerCall} attempts in this run. Do not retry it.`);
      }
      // Back off before any resend of a call whose last try failed retryably, whoever asked for it.
      const waitMs = state.failuresInRow ? state.lastFailureAt + Math.max(limits.backoffMs * 2 ** (state.failuresInRow - 1), state.retryAfterMs) - Date.now() : 0;
      // A retry that might not finish before the deadline is worth less than telling the model now.
      if (last && Date.now() + waitMs + limits.toolTimeoutMs > deadlineAt) return error(describe(spec, last));
      if (waitMs > 0) await sleep(waitMs, deadline);
      if (spent.toolCalls >= limits.toolCalls) return error(`${lastText}Not sent: the run's budget of ${limits.toolCalls} tool calls is spent. Do not retry.`);
      const { failuresToOpen, cooldownMs } = limits.circuit;
      if (circuit.failures >= failuresToOpen && (Date.now() - circuit.lastFailureAt < cooldownMs || circuit.probing))
        return error(`${lastText}Not sent: ${spec.name} failed ${circuit.failures} times in a row, so it gets no calls for ${cooldownMs} ms. ${TRANSIENT}`);
      const probe = circuit.failures >= failuresToOpen;
      circuit.probing ||= probe;
      state.sends++;
      last = await send(spec, input, key); // throws only when the run's deadline ends everything
      if (probe) circuit.probing = false;
      const unwell = last.status === null || last.status >= 500 || last.status === 408 || last.status === 429;
      if (unwell) Object.assign(circuit, { failures: circuit.failures + 1, lastFailureAt: Date.now() });
      else circuit.failures = 0;
      const retryable = last.status === null || RETRYABLE.has(last.status);
      Object.assign(state, retryable ? { failuresInRow: state.failuresInRow + 1, lastFailureAt: Date.now(), retryAfterMs: last.retryAfterMs } : { failuresInRow: 0 });
      if (last.ok) {
        state.succeeded++;
        toolOutput += `\n${last.text}`;
      }
      const drift = last.ok ? replySchemas.get(spec.name)?.safeParse(parse(last.text)) : undefined;
      if (drift && !drift.success) last = { ...last, ok: false, text: `the reply breaks the tool's declared response schema (${z.prettifyError(drift.error).replaceAll('\n', ' ')})` };
      if (spec.effect !== 'read') effects.set(key, { ok: last.ok, note: last.ok ? '' : describe(spec, last) });
      if (last.ok) return { type: 'tool_result', tool_use_id: use.id, content: last.text };
      // Resending an effect is safe only when the service deduplicates it (Idempotency-Key).
      if (!retryable || (spec.effect !== 'read' && !spec.idempotent)) return error(describe(spec, last));
    }
  }

  /** An honest stop: why, and what happened to every effect that was sent. Never the model's prose, which may claim what did not happen. */
  function stop(reason: 'limit' | 'error', why: string): AgentReply {
    const done = [...effects].filter(([, e]) => e.ok).map(([call]) => call);
    const notDone = [...effects.values()].filter((e) => !e.ok).map((e) => e.note);
    const lines = [`I stopped before finishing the task: ${why}.`];
    if (done.length) lines.push(`Succeeded: ${done.join('; ')}.`);
    if (notDone.length) lines.push(`Not done or unconfirmed: ${notDone.join(' ')}`);
    return { text: lines.join('\n'), stopReason: reason };
  }

  async function loop(): Promise<AgentReply> {
    for (;;) {
      const reply = await callModel();
      // A repeated id is still a new call: it gets an id of its own, so the API accepts the conversation and no result answers two calls.
      const content = reply.content.map((b) => (b.type !== 'tool_use' || !ids.has(b.id) ? b : { ...b, id: `${b.id}r${ids.size}` }));
      for (const b of content) if (b.type === 'tool_use') ids.add(b.id);
      messages.push({ role: 'assistant', content });
      if (reply.stop_reason === 'max_tokens') return stop('error', `the model's reply was cut off at max_tokens (${task.maxTokens}), so it is incomplete and is not an answer`);
      // This runtime sets no stop sequences: one that ended the reply was added on the way, and cut the turn short.
      if (reply.stop_reason === 'stop_sequence') return stop('error', `the model's reply stopped at a stop sequence this runtime did not set (${JSON.stringify(reply.stop_sequence)}), so it is cut short and is not an answer`);
      const uses = content.filter((b): b is ToolUse => b.type === 'tool_use');
      if (reply.stop_reason === 'tool_use' && uses.length) {
        for (const use of uses) {
          unknownStreak = tools.has(use.name) ? 0 : unknownStreak + 1;
          if (unknownStreak > limits.unknownToolStreak) return stop('limit', `the model called tools that do not exist ${unknownStreak} times in a row`);
        }
        if (spent.toolCalls + uses.length > limits.toolCalls) return stop('limit', `the budget of ${limits.toolCalls} tool calls is spent`);
        // Parallel tool_uses run concurrently; every one gets its result, matched by id, in the next message.
        messages.push({ role: 'user', content: await Promise.all(uses.map(callTool)) });
        continue;
      }
      const text = reply.content
        .flatMap((b) => (b.type === 'text' ? [b.text] : []))
        .join('\n')
        .trim();
      if (reply.stop_reason !== 'end_turn') return stop('error', `the model stopped with ${reply.stop_reason}`);
      if (!text) return stop('error', 'the model ended its turn without an answer');
      // Models improvise success after a failed action; an effect that did not go through gets the facts instead.
      if ([...effects.values()].some((e) => !e.ok)) return stop('error', 'an action the task needed did not go through');
      return { text, stopReason: 'answer' };
    }
  }

  return loop().catch((error: unknown) => {
    if (error instanceof Stop) return stop(error.reason, error.message);
    if (deadline.aborted) return stop('limit', `the run's time limit (${limits.deadlineMs} ms) ran out`);
    return stop('error', `the run failed: ${(error as Error).message}`);
  });
}

/** Words for a failed send: what failed, with its status, and whether retrying can help. */
function describe(spec: ToolSpec, o: Outcome): string {
  const what = o.status === null ? `${spec.name} got ${o.text}` : `${spec.name} failed: HTTP ${o.status}: ${o.text.slice(0, 300)}`;
  if (o.status !== null && o.status < 300) return `Error: ${spec.name}: ${o.text} ${PERMANENT}`;
  const unknown = spec.effect !== 'read' && (o.status === null || o.status >= 500) ? ' It is unknown whether it took effect.' : '';
  return `Error: ${what}.${unknown} ${o.status === null || RETRYABLE.has(o.status) ? TRANSIENT : PERMANENT}`;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The agent faultline loads: `--agent ./examples/minimal-agent.ts`. */
const minimal: Agent = { name: 'minimal', run: (task, env) => minimalRun(task, env) };
export default minimal;
