/** One request to the model behind the endpoint, and its answer: the unit a cassette records. */
export type UpstreamCall = { method: string; path: string; body: string; headers: Headers };
export type UpstreamReply = { status: number; headers: Headers; body: string };
export type Upstream = (call: UpstreamCall) => Promise<UpstreamReply>;

/** Thrown into the agent's request when the run is being stopped (budget spent, cassette missed). */
export class RunStop extends Error {
  constructor(readonly reason: 'budget' | 'cassette-miss', message: string) {
    super(message);
  }
}
