import type Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsBase, MessageParam, ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { apiTools, callEndpoint } from './http.ts';
import type { Agent, ToolSpec } from './types.ts';

// The deployed settings of the seeds' incidents: a 29 s tool timeout (000), 50 immediate retries
// with no idempotency key (002 case 1) of any error status, unclassified and with no backoff
// (004's naive retry, 001 pattern 4's catch-all), a hard cap of 100 tool calls (002 case 6).
const TOOL_TIMEOUT_MS = 29_000;
const RETRIES_ON_ERROR = 50;
const MAX_TOOL_CALLS = 100;

/**
 * The naive loop of the seeds, bugs included — the negative control every checker must catch.
 * No validation, no idempotency keys, results attached in arrival order, raw error strings (or an
 * empty string for a network error), a streamed reply acted on however its stream ended, and
 * whatever the model says last is the answer.
 */
export const naive: Agent = {
  name: 'naive',
  async run(task, env) {
    const messages: MessageParam[] = [{ role: 'user', content: task.prompt }];
    let toolCalls = 0;
    for (;;) {
      const reply = await streamReply(env.client, { model: task.model, max_tokens: task.maxTokens, system: task.system, tools: apiTools(task.tools), messages });
      messages.push({ role: 'assistant', content: reply.content });
      const text = reply.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
      const uses = reply.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
      // A truncated reply (max_tokens) is taken as final, like any other. A stream that ended
      // without saying why (no message_delta) is taken at face value: a tool call in it means tool_use.
      if ((reply.stop_reason ?? (uses.length ? 'tool_use' : 'end_turn')) !== 'tool_use') return { text };
      toolCalls += uses.length;
      if (toolCalls > MAX_TOOL_CALLS) return { text, stopReason: 'limit' };
      const arrived: string[] = [];
      // The bug of seed 002 case 4: tools run as the service account whenever the runtime has one.
      const credential = env.serviceCredential ?? env.credential;
      // Fail-fast batches (asyncio's TaskGroup, a shared AbortController): the first call to time
      // out cancels the rest of its batch, and a cancelled call has nothing to report, so its
      // tool_use goes unanswered and the next request is refused (the orphaned tool_use).
      const batch = new AbortController();
      await Promise.all(
        uses.map(async (use) => {
          const content = await execute(task.tools, use, credential, batch);
          if (content !== CANCELLED) arrived.push(content);
        }),
      );
      // The bug of seed 002 case 2: results in arrival order, ids by position.
      const results: ToolResultBlockParam[] = arrived.map((content, i) => ({ type: 'tool_result', tool_use_id: (uses[i] as ToolUseBlock).id, content }));
      messages.push({ role: 'user', content: results });
    }
  },
};

/**
 * Streams the reply and keeps the SDK's running snapshot of it (what a chat UI renders as it
 * arrives); when the stream ends, the snapshot is the reply. Whether it ever reached
 * `message_stop` is not checked, so a stream cut mid tool input yields that input half-parsed.
 */
async function streamReply(client: Anthropic, params: MessageCreateParamsBase): Promise<Message> {
  const stream = client.messages.stream(params);
  let snapshot: Message | undefined;
  stream.on('streamEvent', (_event, message) => (snapshot = message));
  await stream.done();
  if (!snapshot) throw new Error('the stream ended before message_start');
  return snapshot;
}

const CANCELLED = Symbol('cancelled');

async function execute(tools: ToolSpec[], use: ToolUseBlock, credential: string, batch: AbortController): Promise<string | typeof CANCELLED> {
  const spec = tools.find((t) => t.name === use.name);
  if (!spec) return `Error: tool not registered: ${use.name}`;
  for (let attempt = 1; ; attempt++) {
    try {
      const reply = await callEndpoint(spec, use.input, { credential, signal: AbortSignal.any([batch.signal, AbortSignal.timeout(TOOL_TIMEOUT_MS)]) });
      if (reply.status >= 400 && attempt < RETRIES_ON_ERROR) continue;
      return reply.status < 300 ? reply.text : `Error: HTTP ${reply.status}: ${reply.text}`;
    } catch (error) {
      if (batch.signal.aborted) return CANCELLED;
      // Seed 000's timeout reaches the model as text (and cancels the batch); seed 003 mode 2's
      // formatter swallows any other exception (a reset connection) into an empty result the model reads as success.
      if ((error as Error).name !== 'TimeoutError') return '';
      batch.abort();
      return 'Error: request timed out';
    }
  }
}
