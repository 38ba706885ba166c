import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

const episode = { episode_id: 'EP-212', title: 'Leading through a reorg', primary: 'Mara Quist', secondary: 'Dev Anand' };

export default defineScenario({
  id: 'schema-drift',
  title: "lookup_episode moves its speakers into an array; the prompt's worked example still names the old fields",
  source: { seed: '002', case: 'case 5 (the schema drift)' },
  task: `Who hosts archived episode ${episode.episode_id}, and who is the guest?`,
  system:
    'You are the media-library assistant. Use lookup_episode to read an episode record.\n' +
    'Worked example: lookup_episode returns {"episode_id": "EP-001", "title": "…", "primary": "Jo Ames", "secondary": "Sam Roe"}. ' +
    'The primary speaker is the host and the secondary speaker is the guest, so you answer: host Jo Ames, guest Sam Roe.',
  tools: [tools.lookup_episode],
  services: { media: { episodes: [episode] } },
  // The backend deploy: v1 {primary, secondary} becomes v2 {speakers: [primary, secondary]}, ordered by billing.
  faults: [{ fault: 'shape-change', tool: 'lookup_episode', move: { primary: 'speakers.0', secondary: 'speakers.1' } }],
  model: {
    persona: 'example-follower',
    plan: [{ call: [{ name: 'lookup_episode', input: { episode_id: episode.episode_id } }] }],
    answer: '"{{lookup_episode.title}}" ({{lookup_episode.episode_id}}): host {{lookup_episode.primary}}, guest {{lookup_episode.secondary}}.',
    // With the named fields gone, the example's framing puts index 0 as secondary and index 1 as primary.
    readMissingAs: { secondary: 'speakers.0', primary: 'speakers.1' },
  },
  // The known episode's speakers: the swapped attribution is the regression.
  intent: { answer: { includes: [], excludes: [`host ${episode.secondary}`, `guest ${episode.primary}`] } },
  // The reply's shape broke its contract on every call: reporting that is as far as a correct agent gets.
  goal: { says: [`host ${episode.primary}`, `guest ${episode.secondary}`], orStop: [{ called: 'lookup_episode' }] },
  checks: ['response-contract', 'known-answer'],
  primaryCheck: 'response-contract',
});
