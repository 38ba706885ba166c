import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

const episode = { episode_id: 'EP-212', title: 'Leading through a reorg', primary: 'Mara Quist', secondary: 'Dev Anand' };

export default defineScenario({
  id: 'mcp-schema-drift',
  title: "Over MCP: lookup_episode changes between tools/list and tools/call; the prompt's worked example still names the old fields",
  source: { seed: '002', case: 'case 5 (the schema drift), undeclared over MCP: the server keeps listing the old output schema' },
  task: `Who hosts archived episode ${episode.episode_id}, and who is the guest?`,
  system:
    'You are the media-library assistant. Use lookup_episode to read an episode record.\n' +
    'Worked example: lookup_episode returns {"episode_id": "EP-001", "title": "…", "primary": "Jo Ames", "secondary": "Sam Roe"}. ' +
    'The primary speaker is the host and the secondary speaker is the guest, so you answer: host Jo Ames, guest Sam Roe.',
  tools: [tools.lookup_episode],
  services: { media: { episodes: [episode] } },
  transport: 'mcp',
  // The deploy lands between the client's tools/list and its call: replies move to v2, the listing stays v1 (no list_changed).
  faults: [{ fault: 'mcp-tools-changed', tool: 'lookup_episode', move: { primary: 'speakers.0', secondary: 'speakers.1' } }],
  model: {
    persona: 'example-follower',
    plan: [{ call: [{ name: 'lookup_episode', input: { episode_id: episode.episode_id } }] }],
    answer: '"{{lookup_episode.title}}" ({{lookup_episode.episode_id}}): host {{lookup_episode.primary}}, guest {{lookup_episode.secondary}}.',
    readMissingAs: { secondary: 'speakers.0', primary: 'speakers.1' },
  },
  intent: { answer: { includes: [], excludes: [`host ${episode.secondary}`, `guest ${episode.primary}`] } },
  goal: { says: [`host ${episode.primary}`, `guest ${episode.secondary}`], orStop: [{ called: 'lookup_episode' }] },
  checks: ['response-contract', 'known-answer'],
  primaryCheck: 'response-contract',
});
