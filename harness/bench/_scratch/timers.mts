import { bundledAgents } from '../../agents/index.ts';
import { runOne } from '../../runner/run-one.ts';
import { canonicalScenario } from '../canonical.ts';
import type { Agent } from '../../agents/types.ts';
const s = canonicalScenario();
const inner = bundledAgents.hardened!;
const log: string[] = [];
const timed: Agent = { name: 'h', async run(task, env) {
  const st = globalThis.setTimeout;
  (globalThis as any).setTimeout = (f: any, ms: number, ...a: any[]) => { log.push(`${ms} ${new Error().stack!.split('\n').slice(2, 5).map((l) => l.trim().replace(/.*node_modules\//, '')).join(' < ')}`); return st(f, ms, ...a); };
  try { return await inner.run(task, env); } finally { globalThis.setTimeout = st; } } };
await runOne({ scenario: s, agent: timed, agentRef: 'hardened', seed: 1, trial: 1 });
log.length = 0;
await runOne({ scenario: s, agent: timed, agentRef: 'hardened', seed: 2, trial: 1 });
console.log(log.join('\n'));
process.exit(0);
