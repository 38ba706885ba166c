import type { World } from '../world.ts';
import { storedBody, type Cassette } from './cassette.ts';
import { firstDifference } from './diff.ts';
import { RunStop, type Upstream } from './upstream.ts';

/**
 * Serves a cassette's answers in order, each after its recorded duration in virtual time. A request
 * that is not the recorded one stops the run with where it differs: never a guess at an answer.
 */
export function replayUpstream(cassette: Cassette, world: World, secrets: readonly string[], stop: (error: RunStop) => RunStop): Upstream & { used(): number } {
  let next = 0;
  const upstream = async ({ method, path, body }: { method: string; path: string; body: string }) => {
    const index = next++;
    const recorded = cassette.interactions[index];
    const where = `request ${index + 1}`;
    if (!recorded) throw stop(new RunStop('cassette-miss', `${where} was not recorded: the cassette holds ${cassette.interactions.length}`));
    const difference =
      recorded.request.method !== method || recorded.request.path !== path ? `${method} ${path} differs: recorded ${recorded.request.method} ${recorded.request.path}` : firstDifference(recorded.request.body, storedBody(body, secrets));
    if (difference) throw stop(new RunStop('cassette-miss', `${where}: ${difference}`));
    const { response } = recorded;
    // The agent gave up on it in the recording: it gives up here too, at the same virtual moment.
    if ('unanswered' in response) return new Promise<never>(() => {});
    await world.sleep(response.durationMs);
    return { status: response.status, headers: new Headers(response.headers), body: response.body };
  };
  return Object.assign(upstream, { used: () => next });
}
