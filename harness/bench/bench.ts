/**
 * `npm run bench` — what the harness costs:
 *   1. complete runs/s of the canonical loop (3 model turns, 2 tool calls) through runOne, against
 *      the bare loop of the same agent (no harness, no MSW on the request path: the ceiling for any
 *      in-process harness), alternating in rounds after a warm-up, in a process without MSW as a
 *      worker runs a bundled runtime; then, for reference, a plain loop through MSW and the SDK
 *      (which starts MSW). Medians are reported;
 *   3. virtual ÷ wall time over the catalogue (seeds 1..20 × naive, hardened);
 *   4. heap growth of the harness path from run 1 000 to run BENCH_RUNS (default 10 000);
 *   5. the main job (`faultline run --seeds 20`) as a fresh process by default, at --concurrency 1 and
 *      at one per core, alternating, BENCH_SUITE_ROUNDS times (default 3): wall, CPU, output sizes;
 *   6. how long a worker takes to be ready; 7. a turn early and late in a 105-turn conversation;
 *   8. `faultline --help`'s CPU; 9. what one request costs through a service's route; 10. what one
 *   tool call costs over MCP against plain HTTP (BENCH_MCP_CALLS calls per path per round, default 1000).
 * The last line is one JSON object.
 *
 * Env: BENCH_RUNS (heap stretch, default 10000), BENCH_ROUNDS (default 5), BENCH_ROUND_RUNS (runs
 * per path per round, default 300), BENCH_SEEDS (time-compression seeds, default 20),
 * BENCH_SUITE_ROUNDS (main-job rounds, default 3), BENCH_LONG_RUNS (long conversations, default 9),
 * BENCH_MCP_CALLS (tool calls per path per round over MCP and HTTP, default 1000).
 */
import { loadBundledAgent } from '../agents/index.ts';
import { parseHistory } from '../history.ts';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runOne } from '../runner/run-one.ts';
import { WORKER_BOOT, workerEntry } from '../runner/worker-entry.ts';
import { loadCatalogue } from '../../scenarios/index.ts';
import { canonicalScenario } from './canonical.ts';
import { bareLoop, cannedTurns, plainLoop } from './plain.ts';
import { msPerTurn } from './long.ts';
import { mcpCallCosts } from './mcp.ts';
import { median } from './median.ts';
import { faultline, mainJob, type MainJob, type ProcessCost } from './processes.ts';
import { serviceCosts } from './services.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench)');

const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
};
const HEAP_RUNS = envInt('BENCH_RUNS', 10_000);
const ROUNDS = envInt('BENCH_ROUNDS', 5);
const ROUND_RUNS = envInt('BENCH_ROUND_RUNS', 300);
const SEEDS = envInt('BENCH_SEEDS', 20);
const SUITE_ROUNDS = envInt('BENCH_SUITE_ROUNDS', 3);

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 1)} MB`;
const round2 = (n: number) => Math.round(n * 100) / 100;

const agent = await loadBundledAgent('hardened');
const canonical = canonicalScenario();
// As a worker runs a bundled runtime: no MSW (intercept: false), the run's fetch and client serve everything.
const harnessRun = (seed: number) => runOne({ scenario: canonical, agent, agentRef: 'hardened', seed, trial: 1, intercept: false });

console.log(`faultline bench — node ${process.version}, ${process.platform}/${process.arch}`);

// --- The canonical loop through the harness: check its shape once, then capture its turns for the plain loops.
const probe = await harnessRun(1);
const { modelTurns, toolCalls, virtualMs } = probe.metrics;
if (probe.verdict !== 'pass' || modelTurns !== 3 || toolCalls !== 2) throw new Error(`canonical run is not a passing 3-turn, 2-tool loop: ${probe.verdict} ${JSON.stringify(probe.metrics)} ${JSON.stringify(probe.checks)}`);
const expectedReply = parseHistory(probe.history).flatMap((e) => (e.type === 'agent-reply' ? [e.text] : []))[0];
const turns = cannedTurns(probe);
console.log(`canonical loop: ${modelTurns} model turns, ${toolCalls} tool calls, no faults, ${fmt(virtualMs)} ms virtual per run (model latency [${canonical.model.latencyMs.join(', ')}] ms), verdict ${probe.verdict}`);

let harnessSeq = 0;
const harnessBlock = async (runs: number): Promise<number> => {
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const record = await harnessRun(1 + (harnessSeq++ % 1000));
    if (record.verdict !== 'pass' || record.metrics.modelTurns !== 3) throw new Error(`harness run failed: ${JSON.stringify(record.checks)}`);
  }
  return runs / ((performance.now() - start) / 1000);
};
const loopBlock = async (make: typeof plainLoop, runs: number): Promise<number> => {
  const run = make(canonical, agent, turns);
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const reply = await run();
    if (reply.text !== expectedReply) throw new Error(`${make.name} answered differently: ${JSON.stringify(reply.text)} vs ${JSON.stringify(expectedReply)}`);
  }
  return runs / ((performance.now() - start) / 1000);
};

// --- 1 + 2: the harness and the bare loop alternate in rounds after a warm-up of each, in a process
// without MSW, as a worker runs a bundled runtime (MSW once started wraps fetch, Request and
// Response for everything in the process); then the plain MSW loop, which starts it, for reference.
const paths = {
  harness: (runs: number) => harnessBlock(runs),
  bare: (runs: number) => loopBlock(bareLoop, runs),
  plain: (runs: number) => loopBlock(plainLoop, runs),
};
type PathName = keyof typeof paths;
const warm = Math.max(50, Math.floor(ROUND_RUNS / 2));
const rates: Record<PathName, number[]> = { harness: [], plain: [], bare: [] };
const rounds = async (names: PathName[]) => {
  for (const name of names) await paths[name](warm);
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate which path goes first so none always follows another's garbage.
    for (const name of names.map((_, i) => names[(i + r) % names.length] as PathName)) {
      gc();
      rates[name].push(await paths[name](ROUND_RUNS));
    }
    console.log(`  round ${r + 1}: ${names.map((name) => `${name} ${fmt(rates[name][r]!).padStart(4)} runs/s`).join('   ')}`);
  }
};
console.log(`\nthroughput: ${ROUNDS} rounds × ${ROUND_RUNS} runs per path (after ${warm} warm-up runs each); harness and bare alternating, no MSW in the process`);
await rounds(['harness', 'bare']);
console.log('then the plain MSW loop (MSW started)');
await rounds(['plain']);
const harnessRunsPerSec = median(rates.harness);
const plainMswRunsPerSec = median(rates.plain);
const bareRunsPerSec = median(rates.bare);
const ratio = harnessRunsPerSec / plainMswRunsPerSec;
const roundRatio = median(rates.harness.map((h, i) => h / rates.plain[i]!));
console.log(`  median harness   (runOne: virtual clock, simulated API, recording, checkers) ${fmt(harnessRunsPerSec).padStart(4)} runs/s = ${fmt(1000 / harnessRunsPerSec, 2)} ms/run`);
console.log(`  median plain MSW (same agent; SDK and tools through MSW; no harness)         ${fmt(plainMswRunsPerSec).padStart(4)} runs/s = ${fmt(1000 / plainMswRunsPerSec, 2)} ms/run`);
console.log(`  median bare      (same agent; no MSW on the path; no harness: the ceiling)  ${fmt(bareRunsPerSec).padStart(4)} runs/s = ${fmt(1000 / bareRunsPerSec, 2)} ms/run`);
console.log(
  `  harness / bare = ${fmt(harnessRunsPerSec / bareRunsPerSec, 2)}×   target ≥ 0.8×: ${harnessRunsPerSec / bareRunsPerSec >= 0.8 ? 'met' : 'MISSED'};   harness / plain MSW = ${fmt(ratio, 2)}× (median of per-round ratios ${fmt(roundRatio, 2)}×)`,
);

// --- 3: virtual ÷ wall time over the catalogue.
const catalogue = loadCatalogue();
const agentRefs = ['naive', 'hardened'] as const;
const agentsByRef = { naive: await loadBundledAgent('naive'), hardened: agent };
for (const [, scenario] of catalogue) for (const ref of agentRefs) await runOne({ scenario, agent: agentsByRef[ref], agentRef: ref, seed: 1, trial: 1 }); // warm-up
console.log(`\nvirtual ÷ wall time: ${catalogue.size} catalogue scenarios × seeds 1..${SEEDS} × ${agentRefs.join(', ')} (mean per run)`);
// The issue's target is stated over the four first scenarios; the whole catalogue is reported beside it.
const CORE = new Set(['dropped-ack', 'error-after-commit', 'reordered-parallel', 'string-coercion']);
let totalVirtual = 0;
let totalWall = 0;
let coreVirtual = 0;
let coreWall = 0;
const perScenario: Record<string, number> = {};
for (const [id, scenario] of catalogue) {
  const parts: string[] = [];
  let sv = 0;
  let sw = 0;
  for (const ref of agentRefs) {
    let v = 0;
    let w = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = await runOne({ scenario, agent: agentsByRef[ref], agentRef: ref, seed, trial: 1 });
      v += r.metrics.virtualMs;
      w += r.metrics.wallMs;
    }
    parts.push(`${ref} ${fmt(v / SEEDS).padStart(7)} ms in ${fmt(w / SEEDS, 2).padStart(5)} ms (${fmt(v / w).padStart(6)}×)`);
    sv += v;
    sw += w;
  }
  perScenario[id] = Math.round(sv / sw);
  console.log(`  ${id.padEnd(22)} ${fmt(sv / sw).padStart(7)}×   ${parts.join('   ')}`);
  totalVirtual += sv;
  totalWall += sw;
  if (CORE.has(id)) (coreVirtual += sv), (coreWall += sw);
}
const timeCompression = coreVirtual / coreWall;
const timeCompressionCatalogue = totalVirtual / totalWall;
console.log(`  the four first scenarios: ${fmt(coreVirtual / 1000, 1)} s virtual in ${fmt(coreWall, 1)} ms wall = ${fmt(timeCompression)}×   target ≥ 1000×: ${timeCompression >= 1000 ? 'met' : 'MISSED'}`);
console.log(`  whole catalogue: ${fmt(totalVirtual / 1000, 1)} s virtual in ${fmt(totalWall, 1)} ms wall = ${fmt(timeCompressionCatalogue)}×`);

// --- 4: heap growth of the harness path.
const baselineAt = Math.min(1000, Math.max(1, Math.floor(HEAP_RUNS / 10)));
console.log(`\nheap: ${fmt(HEAP_RUNS)} harness runs of the canonical loop (seeds cycle 1..1000); heapUsed after gc() at run ${fmt(baselineAt)} and run ${fmt(HEAP_RUNS)}`);
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
console.log(`  growth run ${fmt(baselineAt)} → ${fmt(HEAP_RUNS)}: ${fmt(heapGrowthPct, 2)}%   target < 10%: ${heapGrowthPct < 10 ? 'met' : 'MISSED'}   (${fmt(HEAP_RUNS / heapSecs)} runs/s over the stretch)`);

// --- 5: the main job (the README's first command) as it runs by default (its lanes follow the
// machine's load), and with one worker and one per core forced, alternating.
const cores = availableParallelism();
console.log(`\nmain job: \`faultline run --seeds 20\` as a fresh process: the default, --concurrency 1 and --concurrency ${cores}, ${SUITE_ROUNDS} rounds alternating`);
const jobs: Record<'default' | 'one' | 'cores', MainJob[]> = { default: [], one: [], cores: [] };
for (let r = 0; r < SUITE_ROUNDS; r++) {
  for (const [lane, extra] of [
    ['default', []],
    ['one', ['--concurrency', '1']],
    ['cores', ['--concurrency', String(cores)]],
  ] as const)
    jobs[lane].push(await mainJob([...extra]));
  const line = (['default', 'one', 'cores'] as const).map((lane) => `${lane} ${fmt(jobs[lane][r]!.wallMs / 1000, 1)} s (${fmt(jobs[lane][r]!.cpuMs / 1000, 1)} s CPU)`);
  console.log(`  round ${r + 1}: ${line.join('   ')}`);
}
const mainJobSeconds = median(jobs.default.map((j) => j.wallMs)) / 1000;
// Two workers (one per core) against one, both forced: what the second core buys.
const workerSpeedup = median(jobs.one.map((j) => j.wallMs)) / median(jobs.cores.map((j) => j.wallMs));
const job = jobs.default[0]!;
const reportBytesPer1000Runs = (job.reportBytes / job.runs) * 1000;
console.log(
  `  median: default ${fmt(mainJobSeconds, 1)} s (target < 10 s: ${mainJobSeconds < 10 ? 'met' : 'MISSED'});   one worker per core (${cores}) vs one ${fmt(workerSpeedup, 2)}× (target ≥ 1.8×: ${workerSpeedup >= 1.8 ? 'met' : 'MISSED'})`,
);
console.log(
  `  ${fmt(job.runs)} runs: histories ${mb(job.historyBytes)} (target < 30 MB: ${job.historyBytes < 30 * 2 ** 20 ? 'met' : 'MISSED'}), report.html ${mb(job.reportBytes)} (${fmt(reportBytesPer1000Runs / 1024)} kB per 1 000 runs), results.json ${mb(job.resultsBytes)}`,
);

// --- 6: how long a worker thread takes to be ready for its first run: bundled, and through tsx.
const READY_STARTS = 5;
const readyMs = async (entry: URL) => {
  const times: number[] = [];
  for (let i = 0; i < READY_STARTS; i++) {
    const start = performance.now();
    // Without this process's own `--import tsx`, which a worker inherits: as `npx faultline` starts them.
    const worker = new Worker(WORKER_BOOT, { execArgv: [], workerData: { entry: entry.href, scenarioFiles: [] } });
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (m: { ready?: boolean }) => m.ready && resolve());
      worker.on('error', reject);
    });
    times.push(performance.now() - start);
    await worker.terminate();
  }
  return median(times);
};
const workerReadyMs = await readyMs(await workerEntry());
const workerReadyMsTsx = await readyMs(new URL('../runner/worker.mjs', import.meta.url));
console.log(`\nworker ready (median of ${READY_STARTS} starts): ${fmt(workerReadyMs)} ms from the bundle, ${fmt(workerReadyMsTsx)} ms through tsx`);

// --- 7: a turn early and late in a long conversation: work that grows with the conversation shows here.
const LONG_TURNS = 105;
const perTurn = await msPerTurn(agent, LONG_TURNS, [5, 100], envInt('BENCH_LONG_RUNS', 9));
const [msPerTurnAt5, msPerTurnAt100] = [perTurn[5]!, perTurn[100]!];
console.log(
  `\nms per turn in a ${LONG_TURNS}-turn conversation (hardened; median, 3 turns around each): turn 5 ${fmt(msPerTurnAt5, 2)} ms, turn 100 ${fmt(msPerTurnAt100, 2)} ms = ${fmt(msPerTurnAt100 / msPerTurnAt5, 2)}× (target ≤ 2×: ${msPerTurnAt100 <= 2 * msPerTurnAt5 ? 'met' : 'MISSED'})`,
);

// --- 8: what a command costs to start: \`faultline --help\` as a fresh process.
const helps: ProcessCost[] = [];
for (let i = 0; i < 5; i++) helps.push(await faultline(['--help']));
const helpCpuMs = median(helps.map((h) => h.cpuMs));
console.log(`\n\`faultline --help\` (median of 5): ${fmt(median(helps.map((h) => h.wallMs)))} ms wall, ${fmt(helpCpuMs)} ms CPU (target < 500 ms CPU: ${helpCpuMs < 500 ? 'met' : 'MISSED'})`);

// --- 9: what one request costs through a service's route: built-in, a team's own, adopted MSW handlers, a capture.
const serviceUs = await serviceCosts(ROUNDS, 2_000);
console.log(
  `\nservice cost per request (µs, median of ${ROUNDS} rounds × 2 000 requests): ${Object.entries(serviceUs)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join('   ')}`,
);
console.log(`  a team's own defineService / built-in = ${fmt(serviceUs.defineService! / serviceUs.builtIn!, 2)}×`);

// --- 10: one tool call over MCP against the same call over plain HTTP, clients included.
const MCP_CALLS = envInt('BENCH_MCP_CALLS', 1_000);
const mcpUs = await mcpCallCosts(ROUNDS, MCP_CALLS);
const mcpVsHttp = mcpUs.mcpJsonRpc / mcpUs.http;
console.log(
  `\ntool call over MCP vs plain HTTP (µs per call, median of ${ROUNDS} rounds × ${fmt(MCP_CALLS)} calls, session open): http ${fmt(mcpUs.http)}   MCP JSON-RPC POST ${fmt(mcpUs.mcpJsonRpc)}   MCP SDK Client ${fmt(mcpUs.mcpSdkClient)}   AI SDK MCP client ${fmt(mcpUs.aiSdkMcpClient)}`,
);
console.log(
  `  MCP server / HTTP = ${fmt(mcpVsHttp, 2)}× (target ≤ 2×: ${mcpVsHttp <= 2 ? 'met' : 'MISSED'});   with the MCP SDK Client ${fmt(mcpUs.mcpSdkClient / mcpUs.http, 2)}×, the AI SDK's ${fmt(mcpUs.aiSdkMcpClient / mcpUs.http, 2)}× (their own validation and JSON-RPC included)`,
);
// About the least an MCP call through a server built on the SDK costs: the HTTP call's work plus the
// SDK server's own (measured on a parsed body and a bare request: a little under what a server pays).
const mcpFloorVsHttp = (mcpUs.http + mcpUs.sdkServerAlone) / mcpUs.http;
console.log(`  the MCP SDK's server alone, fixed result, no fetch: ${fmt(mcpUs.sdkServerAlone)} µs, so an MCP call through a server on it costs about (http + that) / http = ${fmt(mcpFloorVsHttp, 2)}× or more`);

console.log(
  JSON.stringify({
    mcpCallUs: Object.fromEntries(Object.entries(mcpUs).map(([k, v]) => [k, Math.round(v)])),
    mcpVsHttp: round2(mcpVsHttp),
    mcpSdkClientVsHttp: round2(mcpUs.mcpSdkClient / mcpUs.http),
    aiSdkMcpClientVsHttp: round2(mcpUs.aiSdkMcpClient / mcpUs.http),
    mcpFloorVsHttp: round2(mcpFloorVsHttp),
    serviceUsPerRequest: Object.fromEntries(Object.entries(serviceUs).map(([k, v]) => [k, Math.round(v)])),
    userServiceVsBuiltIn: round2(serviceUs.defineService! / serviceUs.builtIn!),
    mainJobSeconds: round2(mainJobSeconds),
    workerSpeedup: round2(workerSpeedup),
    // Today's name for the same figure: one worker against one per core, now over the main job.
    suiteSpeedup: round2(workerSpeedup),
    mainJobCpuSeconds: round2(median(jobs.default.map((j) => j.cpuMs)) / 1000),
    mainJobOneWorkerSeconds: round2(median(jobs.one.map((j) => j.wallMs)) / 1000),
    mainJobOneWorkerCpuSeconds: round2(median(jobs.one.map((j) => j.cpuMs)) / 1000),
    mainJobHistoryBytes: job.historyBytes,
    reportBytesPer1000Runs: Math.round(reportBytesPer1000Runs),
    msPerTurnAt5: round2(msPerTurnAt5),
    msPerTurnAt100: round2(msPerTurnAt100),
    helpCpuMs: Math.round(helpCpuMs),
    workerReadyMs: Math.round(workerReadyMs),
    workerReadyMsTsx: Math.round(workerReadyMsTsx),
    harnessVsBare: round2(harnessRunsPerSec / bareRunsPerSec),
    suiteCores: cores,
    harnessRunsPerSec: Math.round(harnessRunsPerSec),
    plainMswRunsPerSec: Math.round(plainMswRunsPerSec),
    timeCompression: Math.round(timeCompression),
    timeCompressionCatalogue: Math.round(timeCompressionCatalogue),
    heapGrowthPct: round2(heapGrowthPct),
    ratio: round2(ratio),
    roundRatio: round2(roundRatio),
    bareRunsPerSec: Math.round(bareRunsPerSec),
    heapRuns: HEAP_RUNS,
    canonicalVirtualMs: virtualMs,
    timeCompressionByScenario: perScenario,
    targetsMet: {
      mcpCall: mcpVsHttp <= 2,
      harnessVsBare: harnessRunsPerSec / bareRunsPerSec >= 0.8,
      mainJob: mainJobSeconds < 10,
      workerSpeedup: workerSpeedup >= 1.8,
      perTurn: msPerTurnAt100 <= 2 * msPerTurnAt5,
      workerReady: workerReadyMs < 500,
      report: job.reportBytes < 2 * 2 ** 20,
      histories: job.historyBytes < 30 * 2 ** 20,
      helpCpu: helpCpuMs < 500,
      timeCompression: timeCompression >= 1000,
      heapGrowth: heapGrowthPct < 10,
    },
  }),
);
process.exit(0);
