import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/faultline.mjs', import.meta.url));
// Preloaded into the child: its whole CPU time (every thread: getrusage is per process) on its way out.
const CPU_AT_EXIT = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\ncpu-us '+JSON.stringify(process.cpuUsage())+'\\n'))`;

export type ProcessCost = { wallMs: number; cpuMs: number; code: number };

/** Runs `faultline ARGS` as a user's shell would (a fresh Node process) and measures it. */
export function faultline(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessCost> {
  const start = performance.now();
  const child = spawn(process.execPath, ['--import', CPU_AT_EXIT, BIN, ...args], { env: { ...process.env, CI: 'true', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      const cpu = /cpu-us (\{.*\})/.exec(stderr);
      if (!cpu) return reject(new Error(`faultline ${args.join(' ')} printed no CPU time (exit ${code}):\n${stderr.slice(-2000)}`));
      const { user, system } = JSON.parse(cpu[1]!) as { user: number; system: number };
      resolve({ wallMs, cpuMs: (user + system) / 1000, code: code ?? -1 });
    });
  });
}

export type MainJob = ProcessCost & { runs: number; reportBytes: number; resultsBytes: number; historyBytes: number };

/** The README's first command (`faultline run --seeds 20`), into a temporary --out, with its output's sizes. */
export async function mainJob(extra: string[] = []): Promise<MainJob> {
  const out = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
  try {
    const cost = await faultline(['run', '--seeds', '20', '--out', out, ...extra]);
    // The naive control fails, so the job exits 1; anything else is not a completed main job.
    if (cost.code !== 1) throw new Error(`the main job exited ${cost.code}, not 1`);
    const histories = join(out, 'histories');
    const files = readdirSync(histories).map((name) => statSync(join(histories, name)));
    const historyBytes = files.reduce((sum, stat) => sum + stat.size, 0);
    const runs = files.length;
    return { ...cost, runs, historyBytes, reportBytes: statSync(join(out, 'report.html')).size, resultsBytes: statSync(join(out, 'results.json')).size };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
