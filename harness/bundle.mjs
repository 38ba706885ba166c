// Plain JavaScript: bin/faultline.mjs uses it before any TypeScript loader exists.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Inside the package, so a bundle's bare imports (msw, the SDK) resolve from its node_modules.
const BUNDLES = new URL('./.bundle/', import.meta.url);
// Bundles other processes may still be loading are kept for this long.
const KEEP_MS = 60 * 60 * 1000;

/**
 * Bundles the TypeScript module `entry` (a file URL) and what it imports from this repository into
 * ES modules, each with its source map beside it (esbuild, about 0.3 s; packages stay external): the entry, and
 * a chunk for what it imports lazily. Returns the entry's URL: loading it costs a third of the CPU
 * that compiling and resolving every module through tsx's hooks costs. Each file is named by its content's hash, so a process with other
 * sources never loads another's, and one with the same sources reuses it. Resolves undefined when
 * it cannot be built or written (a read-only install): the caller then loads `entry` through tsx.
 */
export async function bundle(entry) {
  try {
    const name = fileURLToPath(entry)
      .split(/[\\/]/)
      .pop()
      .replace(/\.m?ts$/, '');
    // Named by the entry's path too: two entries of one name never share a record.
    const manifest = new URL(`${name}-${createHash('sha256').update(entry.href).digest('hex').slice(0, 8)}.inputs.json`, BUNDLES);
    const reused = unchanged(manifest);
    if (reused) return reused;
    const startedMs = Date.now();
    const { build } = await import('esbuild');
    const built = await build({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      // Stack traces name the TypeScript sources (worker-boot.mjs turns source maps on), and Node
      // reads a module's map as it loads it: a map in a file of its own, without the sources' text,
      // spares every worker decoding and scanning 0.9 MB of base64 in its entry (positions are the same).
      sourcemap: 'linked',
      sourcesContent: false,
      // typescript.ts registers tsx for the user's modules only in a bundle.
      define: { 'process.env.FAULTLINE_BUNDLED': '"1"' },
      // What a command imports lazily (`import('./explore.ts')`) becomes a chunk of its own, so the
      // packages only it needs (msw, the SDK, the AI SDK) load only when it runs.
      splitting: true,
      outdir: fileURLToPath(BUNDLES),
      entryNames: `${name}-[hash]`,
      chunkNames: 'chunk-[hash]',
      outExtension: { '.js': '.mjs' },
      write: false,
      metafile: true,
      absWorkingDir: ROOT,
      logLevel: 'silent',
      plugins: [keepImportMetaUrl],
    });
    const outputs = built.outputFiles.map((o) => ({ url: pathToFileURL(o.path), contents: o.contents }));
    // The entry, not its map (worker-HASH.mjs.map; the hash covers the map too, so it is named by content as well).
    const file = outputs.find((o) => /\.mjs$/.test(o.url.pathname) && fileURLToPath(o.url).split(/[\\/]/).pop().startsWith(`${name}-`))?.url;
    if (!file) return undefined;
    mkdirSync(BUNDLES, { recursive: true });
    // Every file is named by its content's hash: one already there is this one.
    for (const { url, contents } of outputs) {
      if (isFile(url)) touch(url);
      else {
        const temp = `${fileURLToPath(url)}.${process.pid}.tmp`;
        writeFileSync(temp, contents);
        renameSync(temp, url);
      }
    }
    // The entry first: it is what a start that reuses the record imports.
    const names = [file, ...outputs.map((o) => o.url).filter((u) => u.href !== file.href)].map((u) => fileURLToPath(u).split(/[\\/]/).pop());
    prune(new Set(outputs.map((o) => o.url.href)));
    remember(manifest, names, Object.keys(built.metafile.inputs), startedMs);
    return file;
  } catch {
    return undefined;
  }
}

// Spelled so that this file, bundled into the CLI (which builds the workers' bundle), keeps the text
// it looks for: written out, the rewrite below would turn it into this file's own URL.
const META_URL = ['import', 'meta', 'url'].join('.');

/** A module that finds its files from `import.meta.url` keeps finding them from where its source is, not from the bundle. */
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.m?[tj]s$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(META_URL)) return undefined;
      const contents = source.replaceAll(META_URL, JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: /\.m?ts$/.test(args.path) ? 'ts' : 'js' };
    });
  },
};

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The bundle built from exactly these sources before, when none of them (nor this file, which says
 * how bundles are built) has changed since: a start-up then skips esbuild (about 0.3 s of a CLI
 * start or a worker's). A source whose size and mtime are unchanged is taken as unchanged.
 */
function unchanged(manifest) {
  try {
    const { files, inputs } = JSON.parse(readFileSync(manifest, 'utf8'));
    const urls = files.map((f) => new URL(f, BUNDLES));
    if (!urls.every(isFile) || inputs.some(([path, size, mtimeMs]) => !same(path, size, mtimeMs))) return undefined;
    urls.forEach(touch);
    return urls[0];
  } catch {
    return undefined;
  }
}

/** In use again: another process's pruning goes by age, so it must not look old. */
function touch(url) {
  const now = new Date();
  utimesSync(url, now, now);
}

function same(path, size, mtimeMs) {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat !== undefined && stat.size === size && stat.mtimeMs === mtimeMs;
}

/**
 * Writes which sources (with their size and mtime) the bundle `file` was built from; a write that
 * fails only costs the next start a build. A source changed since the build began may not be in the
 * bundle, so then nothing is recorded and the next start builds again.
 */
function remember(manifest, files, relativeInputs, startedMs) {
  try {
    const paths = [fileURLToPath(import.meta.url), ...relativeInputs.map((p) => fileURLToPath(new URL(p, pathToFileURL(`${ROOT}/`))))];
    const inputs = paths.map((path) => {
      const stat = statSync(path);
      return [path, stat.size, stat.mtimeMs];
    });
    if (inputs.some(([, , mtimeMs]) => mtimeMs >= startedMs)) return;
    const temp = `${fileURLToPath(manifest)}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ files, inputs }));
    renameSync(temp, manifest);
  } catch {
    // Read-only or raced: the bundle itself is written.
  }
}

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Removes bundles of older sources once no process can still be loading them. A file a current
 * record names is kept whatever its age: a long command loads its chunks when it needs them.
 */
function prune(keep) {
  const now = Date.now();
  const recorded = new Set();
  for (const name of readdirSync(BUNDLES).filter((n) => n.endsWith('.inputs.json'))) {
    try {
      for (const file of JSON.parse(readFileSync(new URL(name, BUNDLES), 'utf8')).files) recorded.add(new URL(file, BUNDLES).href);
      recorded.add(new URL(name, BUNDLES).href);
    } catch {
      // Half written by another process, or removed: its files go by age.
    }
  }
  for (const name of readdirSync(BUNDLES)) {
    const file = new URL(name, BUNDLES);
    if (keep.has(file.href) || recorded.has(file.href)) continue;
    try {
      if (now - statSync(file).mtimeMs > KEEP_MS) rmSync(file, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
