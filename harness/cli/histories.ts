import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// What writeAtomic leaves behind when its process is killed between writing and renaming.
const TEMP = /\.(\d+)\.tmp$/;

/**
 * After a results.json was written to `out`: removes the history files it does not name (those of
 * an earlier, different suite written to the same folder) and the temp files a killed writer left.
 * Only faultline's own kinds of file are touched: `.jsonl` under histories/, `<name>.<pid>.tmp`
 * (a file, or the folder of histories a suite's workers wrote).
 */
export function removeStaleHistories(out: string, kept: Iterable<string>): void {
  const keep = new Set([...kept].map((file) => file.replace(/^histories\//, '')));
  // `histories.<pid>.tmp` is the folder a suite's workers write to (run.ts), a file otherwise.
  // A temp file or folder of a process still running (a suite writing to the same folder) is its own, in use.
  for (const name of namesIn(out)) if (TEMP.test(name) && !running(Number(TEMP.exec(name)?.[1]))) rmSync(join(out, name), { force: true, recursive: true });
  const dir = join(out, 'histories');
  for (const name of namesIn(dir)) if ((name.endsWith('.jsonl') && !keep.has(name)) || TEMP.test(name)) rmSync(join(dir, name), { force: true });
}

/** Whether a process with this id runs (ours is running, whatever left the file). */
function running(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
