import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { UsageError } from '../errors.ts';

/** Writes a file whole or not at all: a temp file beside it, then a rename. */
export function writeAtomic(path: string, text: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Refuses, before anything runs, a folder a command would write its output into but cannot or
 * should not: an empty path, a file, the current folder or one of its parents, a project's root
 * (it holds `.git` or `package.json`), or a folder that cannot be created or written. Creates the
 * folder when it is missing. Each refusal is a UsageError naming the flag, the path and the fix.
 *
 * @example checkOutDir('--out', values.out);   // before the suite starts, not after it
 */
export function checkOutDir(flag: string, dir: string, example = 'faultline-out'): void {
  const fix = `give a folder of its own, e.g. ${flag} ${example}`;
  // parseArgs turns --out '' into '': resolved, it is the current folder.
  if (!dir.trim()) throw new UsageError(`${flag}: the path is empty, which would write into the current folder; ${fix}`);
  const path = resolve(dir);
  const stat = statOf(path);
  if (stat && !stat.isDirectory()) throw new UsageError(`${flag} ${dir}: is a file, not a folder; ${fix} (it is created if missing)`);
  const root = stat && projectRoot(path);
  if (root) throw new UsageError(`${flag} ${dir}: ${root}, so faultline's output would be mixed with its files; ${fix}`);
  const failed = probe(path);
  if (failed) throw new UsageError(`${flag} ${dir}: cannot write there (${failed}); give a folder you can write to, e.g. ${flag} ${example}`);
}

/** What is at `path`, or undefined when nothing can be seen there (missing, or under a file or a folder we may not enter: the probe says which). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Why an existing folder looks like a project's root rather than an output folder, if it does. */
function projectRoot(path: string): string | undefined {
  const real = realpathSync(path);
  const cwd = realpathSync(process.cwd());
  if (real === cwd) return 'is the current folder';
  if (cwd.startsWith(real.endsWith(sep) ? real : `${real}${sep}`)) return `is a parent of the current folder (${cwd})`;
  for (const marker of ['.git', 'package.json']) if (existsSync(join(real, marker))) return `holds ${marker}, so it looks like a project's root`;
  return undefined;
}

/** Creates the folder (mkdir -p) and writes and removes a small file in it; returns `CODE path` of what failed. */
function probe(path: string): string | undefined {
  try {
    makeFolders(path);
    const file = join(path, `.faultline-probe-${process.pid}`);
    writeFileSync(file, '');
    rmSync(file);
    return undefined;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return `${e.code ?? e.message} on ${e.path ?? path}`;
  }
}

/**
 * mkdir -p one folder at a time: Node's own `recursive: true` never returns under /proc (an
 * ENOENT there does not mean a missing parent, and it retries forever).
 */
function makeFolders(path: string): void {
  const missing: string[] = [];
  for (let at = path; !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.unshift(at);
  for (const folder of missing) mkdirSync(folder);
}
