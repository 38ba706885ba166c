import { vi } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Runs the real CLI in its own process; resolves with its exit code and output. */
export async function cli(...args: string[]) {
  try {
    // CI keeps the progress line off; a FORCE_COLOR of the caller's shell must not colour what the tests read.
    const { stdout, stderr } = await exec('node', ['bin/faultline.mjs', ...args], { env: { ...process.env, CI: 'true', FORCE_COLOR: undefined } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A fresh temporary output folder. */
export const outDir = () => mkdtempSync(join(tmpdir(), 'faultline-'));

/** Runs a CLI command in this process; resolves with its exit code and everything it printed. Bad input rejects (UsageError). */
export async function inProcess(command: (argv: string[]) => Promise<number>, args: string[]) {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
  try {
    return { code: await command(args), out: lines.join('\n') };
  } finally {
    log.mockRestore();
  }
}
