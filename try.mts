import { loadCatalogue } from './scenarios/index.ts';
import { runOne } from './harness/runner/run-one.ts';
import { bundledAgents } from './harness/agents/index.ts';
const cat = loadCatalogue();
for (const [id, s] of cat) for (const a of ['naive','hardened']) {
  const r = await runOne({ scenario: s, agent: bundledAgents[a]!, agentRef: a, seed: 1, trial: 1 });
  console.log(id, a, r.verdict, r.checks.map(c=>`${c.id}:${c.verdict}:${c.message}`).join(' | '), JSON.stringify(r.metrics));
}
process.exit(0);
