import type { ApiFault } from '../faults/types.ts';
import { messagesEndpoint, recordAnswer } from '../model/api.ts';
import type { World } from '../world.ts';
import type { BudgetHandle } from './budget.ts';
import { Budget } from './budget.ts';
import { CASSETTE_FORMAT, cassettePath, keptHeaders, readCassette, recordedRequest, recordedResponse, writeCassette, type CassetteKey, type RecordedRequest, type RecordedResponse } from './cassette.ts';
import { liveUpstream, type LiveTarget } from './live.ts';
import { replayUpstream } from './replay.ts';
import { messageOf, RunStop, type Upstream, type UpstreamCall, type UpstreamReply } from './upstream.ts';

/** Which model answers the agent: the scenario's scripted one, the real API (recorded), or a recording. */
export type ModelMode = { kind: 'scripted' } | ({ kind: 'live'; cassettes: string; budget: BudgetHandle; modelName?: string } & LiveTarget) | { kind: 'replay'; cassettes: string; modelName?: string };

export type ExternalMode = Exclude<ModelMode, { kind: 'scripted' }>;

export const DEFAULT_CASSETTES = 'evals/cassettes';

/** The flags a live or replayed run's commands must repeat to find the same cassette and model. */
export function modeFlags(mode: ExternalMode): string {
  return `${mode.cassettes === DEFAULT_CASSETTES ? '' : ` --cassettes ${mode.cassettes}`}${mode.modelName ? ` --model-name ${mode.modelName}` : ''}`;
}

export type ModelSession = {
  api: (request: Request) => Promise<Response>;
  /** After the run: writes the recording; for a replay that used less than its recording, the miss. */
  finish(stopped: boolean): RunStop | undefined;
};

/**
 * The Messages API of a live or replayed run: the same endpoint (history, the run's own key, the
 * scenario's API faults) with the real API or a cassette behind it. `stop` ends the run.
 */
export function modelSession(mode: ExternalMode, { world, faults, key, rerecord, stop }: { world: World; faults: ApiFault[]; key: CassetteKey; rerecord: string; stop: (error: RunStop) => RunStop }): ModelSession {
  const path = cassettePath(mode.cassettes, key);
  // The run's own credentials are stripped by value too: a body may carry one in any shape.
  const secrets = [world.apiKey, world.userToken, ...(mode.kind === 'live' ? [mode.apiKey] : [])];
  if (mode.kind === 'live') {
    const slots: Array<{ request: RecordedRequest; sentAt: number; response?: RecordedResponse }> = [];
    const claim = (call: Omit<UpstreamCall, 'headers'>) => {
      const slot: (typeof slots)[number] = { request: recordedRequest(call, secrets), sentAt: performance.now() };
      slots.push(slot);
      return (reply: UpstreamReply, durationMs: number) => void (slot.response = recordedResponse(reply, durationMs, secrets));
    };
    const upstream = liveUpstream(mode, new Budget(mode.budget), claim, stop);
    return {
      api: endpoint(world, faults, upstream),
      finish: (stopped) => {
        // A run the budget cut short is not a recording of the scenario: keep the last good one.
        if (stopped) return undefined;
        const end = performance.now();
        const interactions = slots.map(({ request, sentAt, response }) => ({ request, response: response ?? { unanswered: true as const, durationMs: Math.round(end - sentAt) } }));
        writeCassette(path, { format: CASSETTE_FORMAT, ...key, recordedAt: new Date().toISOString(), interactions });
        return undefined;
      },
    };
  }
  const cassette = readCassette(path, rerecord);
  const miss = (error: RunStop) => new RunStop(error.reason, `cassette miss, ${error.message}. The run no longer matches its recording ${path}: re-record it with: ${rerecord}`);
  const upstream = replayUpstream(cassette, world, secrets, (error) => stop(miss(error)));
  return {
    api: endpoint(world, faults, upstream),
    finish: (stopped) => {
      const unused = !stopped && upstream.used() < cassette.interactions.length;
      return unused ? miss(new RunStop('cassette-miss', `the agent made ${upstream.used()} request(s); the recording holds ${cassette.interactions.length}`)) : undefined;
    },
  };
}

function endpoint(world: World, faults: ApiFault[], upstream: Upstream): (request: Request) => Promise<Response> {
  return messagesEndpoint({ world, faults }, ({ n, url, sent, headers }) => async () => {
    const reply = await upstream({ method: 'POST', path: `${url.pathname}${url.search}`, body: sent, headers });
    if (reply.status === 200) recordAnswer(world, n, messageOf(reply));
    return new Response(reply.body, { status: reply.status, headers: keptHeaders(reply.headers) });
  });
}
