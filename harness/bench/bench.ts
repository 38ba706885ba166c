/**
 * `npm run bench` — what the harness costs, in one process:
 *   1. complete runs/s of the canonical loop (3 model turns, 2 tool calls) through runOne;
 *   2. runs/s of the same agent in a plain loop through MSW and the SDK, no harness;
 *      (1) and (2) alternate in blocks after a warm-up, and medians are reported;
 *   3. virtual ÷ wall time over the catalogue (seeds 1..20 × naive, hardened);
 *   4. heap growth of the harness path from run 1 000 to run BENCH_RUNS (default 10 000).
 * The last line is one JSON object.
 *
 * Env: BENCH_RUNS (heap run count, default 10000), BENCH_BLOCKS (default 5),
 * BENCH_BLOCK_RUNS (runs per block, default 300), BENCH_SEEDS (time-compression seeds, default 20).
 */
import { bundledAgents } from '../agents/index.ts';
import { parseHistory } from '../history.ts';
import { runOne } from '../runner/run-one.ts';
import { loadCatalogue } from '../../scenarios/index.ts';
import { canonicalScenario } from './canonical.ts';
import { cannedTurns, plainLoop } from './plain.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench)');

const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
};
const HEAP_RUNS = envInt('BENCH_RUNS', 10_000);
const BLOCKS = envInt('BENCH_BLOCKS', 5);
const BLOCK_RUNS = envInt('BENCH_BLOCK_RUNS', 300);
const SEEDS = envInt('BENCH_SEEDS', 20);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 1)} MB`;

const agent = bundledAgents.hardened!;
const canonical = canonicalScenario();
const harnessRun = (seed: number) => runOne({ scenario: canonical, agent, agentRef: 'hardened', seed, trial: 1 });

console.log(`faultline bench — node ${process.version}, ${process.platform}/${process.arch}`);

// --- The canonical loop through the harness: check its shape once, then capture its turns for the plain loop.
const probe = await harnessRun(1);
const { modelTurns, toolCalls, virtualMs } = probe.metrics;
if (probe.verdict !== 'pass' || modelTurns !== 3 || toolCalls !== 2)
  throw new Error(`canonical run is not a passing 3-turn, 2-tool loop: ${probe.verdict} ${JSON.stringify(probe.metrics)} ${JSON.stringify(probe.checks)}`);
const expectedReply = parseHistory(probe.history).flatMap((e) => (e.type === 'agent-reply' ? [e.text] : []))[0];
const turns = cannedTurns(probe);
console.log(`canonical loop: ${modelTurns} model turns, ${toolCalls} tool calls, ${fmt(virtualMs)} ms virtual per run (model latency [${canonical.model.latencyMs.join(', ')}] ms), verdict ${probe.verdict}`);

const plainBlock = async (runs: number): Promise<number> => {
  const run = plainLoop(canonical, agent, turns);
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const reply = await run();
    if (reply.text !== expectedReply) throw new Error(`plain loop answered differently: ${JSON.stringify(reply.text)} vs ${JSON.stringify(expectedReply)}`);
  }
  return runs / ((performance.now() - start) / 1000);
};
let harnessSeq = 0;
const harnessBlock = async (runs: number): Promise<number> => {
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const record = await harnessRun(1 + (harnessSeq++ % 1000));
    if (record.verdict !== 'pass') throw new Error(`harness run failed: ${JSON.stringify(record.checks)}`);
  }
  return runs / ((performance.now() - start) / 1000);
};

// --- 1 + 2: alternating blocks after a warm-up of both paths.
const warm = Math.max(50, Math.floor(BLOCK_RUNS / 2));
await harnessBlock(warm);
await plainBlock(warm);
const harnessRates: number[] = [];
const plainRates: number[] = [];
console.log(`\nthroughput: ${BLOCKS} alternating blocks × ${BLOCK_RUNS} runs each (after ${warm} warm-up runs per path)`);
for (let b = 0; b < BLOCKS; b++) {
  // Alternate which path goes first so neither always follows the other's garbage.
  const order = b % 2 === 0 ? (['harness', 'plain'] as const) : (['plain', 'harness'] as const);
  const rates: Record<string, number> = {};
  for (const path of order) {
    gc();
    rates[path] = path === 'harness' ? await harnessBlock(BLOCK_RUNS) : await plainBlock(BLOCK_RUNS);
  }
  harnessRates.push(rates.harness!);
  plainRates.push(rates.plain!);
  console.log(`  block ${b + 1}: harness ${fmt(rates.harness!)} runs/s   plain MSW ${fmt(rates.plain!)} runs/s`);
}
const harnessRunsPerSec = median(harnessRates);
const plainMswRunsPerSec = median(plainRates);
const ratio = harnessRunsPerSec / plainMswRunsPerSec;
console.log(`  median: harness (runOne, recording + checkers) ${fmt(harnessRunsPerSec)} runs/s = ${fmt(1000 / harnessRunsPerSec, 2)} ms/run`);
console.log(`  median: plain loop (same agent, SDK through MSW)  ${fmt(plainMswRunsPerSec)} runs/s = ${fmt(1000 / plainMswRunsPerSec, 2)} ms/run`);
console.log(`  harness / plain = ${fmt(ratio, 2)}×   (target ≥ 2×: ${ratio >= 2 ? 'met' : 'MISSED'})`);

// --- 3: virtual ÷ wall time over the catalogue.
const catalogue = loadCatalogue();
const agentRefs = ['naive', 'hardened'];
for (const [, scenario] of catalogue) for (const ref of agentRefs) await runOne({ scenario, agent: bundledAgents[ref]!, agentRef: ref, seed: 1, trial: 1 }); // warm-up
console.log(`\nvirtual ÷ wall time: ${catalogue.size} catalogue scenarios × seeds 1..${SEEDS} × ${agentRefs.join(', ')}`);
let totalVirtual = 0;
let totalWall = 0;
const perScenario: Record<string, number> = {};
for (const [id, scenario] of catalogue) {
  const line: string[] = [];
  let sv = 0;
  let sw = 0;
  for (const ref of agentRefs) {
    let v = 0;
    let w = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = await runOne({ scenario, agent: bundledAgents[ref]!, agentRef: ref, seed, trial: 1 });
      v += r.metrics.virtualMs;
      w += r.metrics.wallMs;
    }
    line.push(`${ref} ${fmt(v / SEEDS)} ms virtual in ${fmt(w / SEEDS, 2)} ms wall (${fmt(v / w)}×)`);
    sv += v;
    sw += w;
  }
  perScenario[id] = Math.round(sv / sw);
  console.log(`  ${id.padEnd(20)} ${fmt(sv / sw).padStart(7)}×   per run: ${line.join('; ')}`);
  totalVirtual += sv;
  totalWall += sw;
}
const timeCompression = totalVirtual / totalWall;
console.log(`  all: ${fmt(totalVirtual / 1000, 1)} s virtual in ${fmt(totalWall, 1)} ms wall = ${fmt(timeCompression)}×   (target ≥ 1000×: ${timeCompression >= 1000 ? 'met' : 'MISSED'})`);

// --- 4: heap growth of the harness path.
const baselineAt = Math.min(1000, Math.max(1, Math.floor(HEAP_RUNS / 10)));
console.log(`\nheap: ${fmt(HEAP_RUNS)} harness runs of the canonical loop (seed cycles 1..1000), heapUsed after gc at run ${fmt(baselineAt)} and run ${fmt(HEAP_RUNS)}`);
const heapStart = performance.now();
let heapAtBaseline = 0;
let heapAtEnd = 0;
for (let i = 1; i <= HEAP_RUNS; i++) {
  const record = await harnessRun(1 + ((i - 1) % 1000));
  if (record.verdict !== 'pass') throw new Error(`harness run ${i} failed: ${JSON.stringify(record.checks)}`);
  if (i === baselineAt || i === HEAP_RUNS || i % 2500 === 0) {
    gc();
    const used = process.memoryUsage().heapUsed;
    if (i === baselineAt) heapAtBaseline = used;
    if (i === HEAP_RUNS) heapAtEnd = used;
    console.log(`  run ${fmt(i).padStart(6)}: heapUsed ${mb(used)}`);
  }
}
const heapGrowthPct = ((heapAtEnd - heapAtBaseline) / heapAtBaseline) * 100;
const heapSecs = (performance.now() - heapStart) / 1000;
console.log(`  growth run ${fmt(baselineAt)} → ${fmt(HEAP_RUNS)}: ${fmt(heapGrowthPct, 2)}%   (target < 10%: ${heapGrowthPct < 10 ? 'met' : 'MISSED'}); ${fmt(HEAP_RUNS / heapSecs)} runs/s over the whole stretch`);

console.log(
  JSON.stringify({
    harnessRunsPerSec: Math.round(harnessRunsPerSec),
    plainMswRunsPerSec: Math.round(plainMswRunsPerSec),
    ratio: Math.round(ratio * 100) / 100,
    timeCompression: Math.round(timeCompression),
    heapGrowthPct: Math.round(heapGrowthPct * 100) / 100,
    heapRuns: HEAP_RUNS,
    canonicalVirtualMs: virtualMs,
    timeCompressionByScenario: perScenario,
    targetsMet: { ratio: ratio >= 2, timeCompression: timeCompression >= 1000, heapGrowth: heapGrowthPct < 10 },
  }),
);
process.exit(0);
