import { z } from 'zod';
import { json, problem, type Service } from './types.ts';

export const mediaState = z.object({
  episodes: z.array(z.object({ episode_id: z.string(), title: z.string(), primary: z.string(), secondary: z.string() })),
});

/**
 * A podcast archive (seed 002 case 5), read-only. It answers in the v1 shape, speakers by key
 * (`primary`, `secondary`); the `shape-change` fault is the deploy that moves them into an array.
 */
export function mediaService(state: z.infer<typeof mediaState>, host = 'https://media.sim'): Service {
  return {
    name: 'media',
    host,
    idempotency: false,
    routes: [
      {
        tool: 'lookup_episode',
        method: 'GET',
        path: '/episodes',
        handle(req) {
          if (req.principal.id === 'anonymous' || req.principal.id === 'invalid') return problem(401, 'unauthorized', 'a valid bearer token is required');
          const episode = state.episodes.find((e) => e.episode_id === req.input.episode_id);
          return episode ? json(200, episode) : problem(404, 'not_found', `no episode ${String(req.input.episode_id)}`);
        },
      },
    ],
  };
}
