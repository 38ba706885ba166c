import { z } from 'zod';
import { defineService } from './define.ts';
import { json, problem } from './types.ts';

const mediaState = z.object({
  episodes: z.array(z.object({ episode_id: z.string(), title: z.string(), primary: z.string(), secondary: z.string() })),
});

/**
 * A podcast archive (seed 002 case 5), read-only. It answers in the v1 shape, speakers by key
 * (`primary`, `secondary`); the `shape-change` fault is the deploy that moves them into an array.
 */
export const mediaService = defineService({
  id: 'media',
  host: 'https://media.sim',
  seed: mediaState,
  example: {
    episodes: [
      { episode_id: 'EP-212', title: 'Leading through a reorg', primary: 'Mara Quist', secondary: 'Dev Anand' },
      { episode_id: 'EP-213', title: 'Hiring your first SRE', primary: 'Dev Anand', secondary: 'Lin Osei' },
    ],
  },
  auth: 'bearer',
  routes: [
    {
      name: 'lookup_episode',
      method: 'GET',
      path: '/episodes',
      handle({ input, state }) {
        const episode = state.episodes.find((e) => e.episode_id === input.episode_id);
        return episode ? json(200, episode) : problem(404, 'not_found', `no episode ${String(input.episode_id)}`);
      },
    },
  ],
});
