import { eventsOf } from '../../harness/history.ts';
import { blocksOf, type ContentBlock, type MessageParam, type MessagesRequest, type ToolResultBlock, type ToolUseBlock } from '../../harness/model/types.ts';
import { fail, notApplicable, pass, type Checker } from './types.ts';

type Orphan = { toolUseId: string; tool: string; request: number; status?: number };

/**
 * Every tool_use gets its tool_result in the very next message (the Messages API's contract; it
 * answers 400 otherwise). Judged from each request the runtime sent: an assistant turn that called
 * tools must be followed by a user message answering every one of those calls, including calls the
 * runtime cancelled or gave up on. And no two calls of a conversation share an id (the API's 400
 * "`tool_use` ids must be unique"): when a reply reuses an earlier call's id, a result under it
 * could answer either call.
 */
export const toolResultsComplete: Checker = {
  id: 'tool-results-complete',
  description: 'every tool_use is answered by a tool_result in the next message, under an id no other call has',
  check(_scenario, events) {
    const statuses = new Map(eventsOf(events, 'model-response').map((r) => [r.n, r.status]));
    const orphans = new Map<string, Orphan>();
    const repeated: Array<{ toolUseId: string; request: number; status?: number }> = [];
    let continued = 0;
    // A thread continuation (the SDK tool runner's) sends only what follows the server-held reply it names.
    const replies = new Map(eventsOf(events, 'model-response').flatMap((r) => (r.id ? [[r.id, r.content as ContentBlock[]]] : [])));
    for (const request of eventsOf(events, 'model-request')) {
      const body = request.body as (MessagesRequest & { thread?: { type?: string; previous_message_id?: string } }) | null;
      const previous = body?.thread?.type === 'continue' ? replies.get(body.thread.previous_message_id ?? '') : undefined;
      const messages: MessageParam[] = [...(previous ? [{ role: 'assistant' as const, content: previous }] : []), ...(body?.messages ?? [])];
      // One id on two calls: no result can say which it answers (the API refuses the request).
      const ids = messages.flatMap((m) => (m.role === 'assistant' ? blocksOf(m.content).flatMap((b) => (b.type === 'tool_use' ? [(b as ToolUseBlock).id] : [])) : []));
      const seen = new Set<string>();
      const twice = ids.find((id) => seen.has(id) || (seen.add(id), false));
      if (twice !== undefined) repeated.push({ toolUseId: twice, request: request.n, status: statuses.get(request.n) });
      messages.forEach((message, i) => {
        const uses = message.role === 'assistant' ? blocksOf(message.content).filter((b): b is ToolUseBlock => b.type === 'tool_use') : [];
        const next = messages[i + 1];
        if (!uses.length || !next) return;
        continued++;
        const answered = new Set(next.role === 'user' ? blocksOf(next.content).flatMap((b) => (b.type === 'tool_result' ? [(b as ToolResultBlock).tool_use_id] : [])) : []);
        for (const use of uses) if (!answered.has(use.id) && !orphans.has(use.id)) orphans.set(use.id, { toolUseId: use.id, tool: use.name, request: request.n, status: statuses.get(request.n) });
      });
    }
    if (repeated.length) {
      const first = repeated[0] as (typeof repeated)[number];
      return fail(`${repeated.length} request(s) sent two tool calls under one tool_use id, first ${first.toolUseId} in model request ${first.request} (answered HTTP ${first.status ?? 'nothing'})`, repeated);
    }
    if (orphans.size) {
      const first = [...orphans.values()][0] as Orphan;
      return fail(`${orphans.size} tool_use block(s) sent back without a tool_result, first ${first.tool} ${first.toolUseId} in model request ${first.request} (answered HTTP ${first.status ?? 'nothing'})`, [...orphans.values()]);
    }
    if (!continued) return notApplicable('no request continued a conversation after a tool call');
    return pass(`every tool_use was answered in the next message (${continued} tool turn(s) continued)`);
  },
};
