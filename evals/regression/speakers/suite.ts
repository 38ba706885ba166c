import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defineSuite } from '../suite.ts';
import { speakerAttribution } from './checker.ts';
import { episodeScenario, type EpisodeRow } from './scenario.ts';
import { shapeNames } from './shapes.ts';

const row = z
  .object({
    episode: z.string().regex(/^EP-\d+$/, 'an episode id such as EP-231'),
    title: z.string().min(1),
    host: z.string().min(1),
    guest: z.string().min(1),
    shape: z.enum(shapeNames),
  })
  .strict()
  // One person in both roles would make a swap invisible.
  .refine((r) => r.host !== r.guest, { path: ['guest'], message: 'must differ from host' }) satisfies z.ZodType<EpisodeRow>;

/**
 * Seed 002 case 5's regression set: known episodes with known speaker assignments, each served in
 * one of the archive's response shapes. One row of episodes.json is one case.
 */
export const speakerSuite = defineSuite({
  name: 'speaker attribution across response shapes',
  fixture: fileURLToPath(new URL('./episodes.json', import.meta.url)),
  row,
  idField: 'episode',
  scenario: episodeScenario,
  checker: speakerAttribution,
});
