import { z } from 'zod';
import { defineApiFault, schedule, when } from './types.ts';

const TOOL_USE_ID = /"id":"(toolu_[A-Za-z0-9_-]+)"/g;

/**
 * A later reply's tool calls arrive under ids an earlier reply already gave its calls: a gateway
 * that numbers the calls of each response afresh (the first call of every reply gets the same id),
 * or a cache that replays ids. The calls themselves are new (their names and inputs are the
 * model's); only the ids repeat. The real API requires ids unique within a request's messages (400
 * "`tool_use` ids must be unique"), so a runtime that sends the conversation back as it received it
 * is refused. The i-th call of a struck reply takes the id of the i-th call of the last reply that
 * made calls (the ids as the client saw them); only replies with calls after such a reply count.
 */
export const reusedToolId = defineApiFault({
  name: 'reused-tool-id',
  description: "a reply's tool_use ids repeat those of an earlier reply (a gateway numbering calls per response)",
  params: z.object({ fault: z.literal('reused-tool-id'), when }).strict(),
  create(params, rng) {
    const strikes = schedule(params.when, rng);
    let last: { n: number; ids: string[] } | null = null;
    return {
      name: this.name,
      async wrap(ctx, next) {
        const response = await next();
        // A server-held thread keeps the ids the API gave: renamed on the way, they break the thread
        // whatever the client does (it can only answer the ids it saw), so such replies are not struck.
        if (response.status !== 200 || continuesThread(ctx.body)) return response;
        let text = await response.clone().text();
        const ids = [...new Set([...text.matchAll(TOOL_USE_ID)].map((m) => m[1] as string))];
        if (!ids.length) return response;
        const earlier = last;
        if (!earlier || !strikes()) {
          last = { n: ctx.n, ids };
          return response;
        }
        const pairs = ids.slice(0, earlier.ids.length).map((id, i) => [id, earlier.ids[i] as string] as const);
        for (const [id, reused] of pairs) text = text.split(`"${id}"`).join(`"${reused}"`);
        last = { n: ctx.n, ids: ids.map((id, i) => earlier.ids[i] ?? id) };
        ctx.strike(`tool_use ids reused from model#${earlier.n}: ${pairs.map(([id, reused]) => `${id} sent as ${reused}`).join(', ')}`);
        return new Response(text, { status: 200, headers: response.headers });
      },
    };
  },
});

/** Whether a request asks the API to keep (or continue) a thread of its own. */
function continuesThread(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'thread' in body;
}
