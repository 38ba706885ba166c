import { bundledAgents } from '../../agents/index.ts';
import { runOne } from '../../runner/run-one.ts';
import { runOne as runFast } from './run-one-fast.ts';
import { canonicalScenario } from '../canonical.ts';
import { loadCatalogue } from '../../../scenarios/index.ts';
const s = canonicalScenario();
const a = bundledAgents.hardened!;
// equivalence check on the catalogue
let same = 0, diff = 0;
for (const [, sc] of loadCatalogue()) for (const ref of ['naive', 'hardened']) for (let seed = 1; seed <= 5; seed++) {
  const x = await runOne({ scenario: sc, agent: bundledAgents[ref]!, agentRef: ref, seed, trial: 1 });
  const y = await runFast({ scenario: sc, agent: bundledAgents[ref]!, agentRef: ref, seed, trial: 1 });
  if (x.historyDigest === y.historyDigest && x.verdict === y.verdict) same++; else { diff++; if (diff < 3) console.log('DIFF', sc.id, ref, seed, x.verdict, y.verdict, '\n', x.history, '\n---\n', y.history); }
}
console.log({ same, diff });
const blk = async (f: typeof runOne, n: number) => { const t = performance.now(); for (let i = 0; i < n; i++) await f({ scenario: s, agent: a, agentRef: 'hardened', seed: 1 + i, trial: 1 }); return Math.round(n / ((performance.now() - t) / 1000)); };
await blk(runOne, 300); await blk(runFast, 300);
for (let b = 0; b < 4; b++) console.log('orig', await blk(runOne, 400), 'fast', await blk(runFast, 400));
process.exit(0);
