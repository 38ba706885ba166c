import schemaDrift from '../../../scenarios/schema-drift.ts';
import type { ScenarioInput } from '../../../scenarios/schema.ts';
import { tools } from '../../../scenarios/tools.ts';
import { shapes, type ShapeName } from './shapes.ts';

/** One known episode: its record, the shape the archive answers in, and its known speaker assignment. */
export type EpisodeRow = { episode: string; title: string; host: string; guest: string; shape: ShapeName };

/**
 * The shapes the deployment declares it reads: the key-based ones. A reply in any other shape has
 * drifted, and a runtime that checks the contract reports it instead of letting the model guess.
 */
export const CONTRACT: ShapeName[] = ['v1', 'v3'];

// The catalogue's media-library deployment (its prompt, worked example and model) is the one under
// regression: a change to it is what this suite runs on, besides a change of the backend's shape.
const lookupEpisode = { ...tools.lookup_episode, responseSchema: { anyOf: CONTRACT.map((v) => shapes[v].schema) } };

/** The row as a scenario: the archive holds the episode, and the deploy of the row's version reshapes every reply. */
export function episodeScenario(row: EpisodeRow): ScenarioInput {
  const shape = shapes[row.shape];
  return {
    ...schemaDrift,
    id: `speakers-${row.episode.toLowerCase()}`,
    title: `${row.episode} "${row.title}" served in shape ${row.shape}: host and guest as known`,
    source: { seed: '002', case: 'case 5 (the schema drift): the regression set of known episodes' },
    task: `Who hosts archived episode ${row.episode}, and who is the guest?`,
    tools: [lookupEpisode],
    // The archive stores v1 records: primary is the host, secondary the guest.
    services: { media: { episodes: [{ episode_id: row.episode, title: row.title, primary: row.host, secondary: row.guest }] } },
    faults: Object.keys(shape.move).length ? [{ fault: 'shape-change', tool: 'lookup_episode', move: shape.move }] : [],
    model: { ...schemaDrift.model, plan: [{ call: [{ name: 'lookup_episode', input: { episode_id: row.episode } }] }], readMissingAs: shape.readAs },
    // The suite's checker judges the answer; the scenario keeps only the defaults (agent-completes).
    intent: {},
    goal: { says: [`host ${row.host}`, `guest ${row.guest}`], orStop: [{ called: 'lookup_episode' }] },
    checks: ['agent-completes'],
    primaryCheck: 'agent-completes',
  };
}
