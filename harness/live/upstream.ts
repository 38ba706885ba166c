import { jsonOrText } from '../json-or-text.ts';
import { decodeSse } from '../model/sse.ts';
import type { ApiMessage } from '../model/types.ts';

/** One request to the model behind the endpoint, and its answer: the unit a cassette records. */
export type UpstreamCall = { method: string; path: string; body: string; headers: Headers };
export type UpstreamReply = { status: number; headers: Headers; body: string };
export type Upstream = (call: UpstreamCall) => Promise<UpstreamReply>;

/** The message a 200 answer holds, streamed or not; null when it holds none. */
export function messageOf(reply: UpstreamReply): ApiMessage | null {
  if (reply.headers.get('content-type')?.includes('event-stream')) return decodeSse(reply.body);
  const parsed = jsonOrText(reply.body);
  return parsed && typeof parsed === 'object' ? (parsed as ApiMessage) : null;
}

/** Thrown into the agent's request when the run is being stopped (budget spent, cassette missed). */
export class RunStop extends Error {
  constructor(
    readonly reason: 'budget' | 'cassette-miss',
    message: string,
  ) {
    super(message);
  }
}
