import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const HERE = new URL('./', import.meta.url);
/** The worker through tsx: always works, but compiling and resolving every module through the loader's hooks costs a second or two of CPU per worker. */
const TSX_ENTRY = new URL('./worker.mjs', HERE);
// Beside the sources, so the bundle's bare imports (msw, the SDK) resolve from the same node_modules.
const BUNDLES = new URL('./.bundle/', HERE);
// Bundles other processes may still be starting workers from are kept for this long.
const BUNDLE_KEEP_MS = 60 * 60 * 1000;

/** The file every worker thread starts from; it loads `workerEntry()`, given as `workerData.entry`. */
export const WORKER_BOOT = new URL('./worker-boot.mjs', HERE);

let entry: URL | undefined;

/**
 * What a worker thread starts from: the harness's own TypeScript bundled once per process into one
 * ES module (esbuild, ~0.1 s; packages stay external), which a worker loads in about a third of the
 * CPU that tsx takes. The file is named by its content's hash, so processes with other sources
 * never share one, and one with the same sources reuses it. When it cannot be built or written
 * (a read-only install), workers start through tsx as before.
 */
export function workerEntry(): URL {
  return (entry ??= bundle() ?? TSX_ENTRY);
}

function bundle(): URL | undefined {
  try {
    const built = buildSync({
      entryPoints: [fileURLToPath(new URL('./worker.ts', HERE))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      write: false,
      logLevel: 'silent',
    });
    const code = built.outputFiles[0]?.contents;
    if (!code) return undefined;
    const file = new URL(`worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`, BUNDLES);
    mkdirSync(BUNDLES, { recursive: true });
    if (!exists(file)) {
      const temp = `${fileURLToPath(file)}.${process.pid}.tmp`;
      writeFileSync(temp, code);
      renameSync(temp, file);
    }
    prune(file);
    return file;
  } catch {
    return undefined;
  }
}

function exists(file: URL): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Removes bundles of older sources, once no process can still be starting a worker from them. */
function prune(keep: URL): void {
  const now = Date.now();
  for (const name of readdirSync(BUNDLES)) {
    const file = new URL(name, BUNDLES);
    if (file.href === keep.href) continue;
    try {
      if (now - statSync(file).mtimeMs > BUNDLE_KEEP_MS) rmSync(file, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
