// npm run build (and prepare, so a git dependency builds itself): the package's JavaScript and
// declarations in dist/, compiled by tsc from the sources tsconfig.build.json names. Plain
// JavaScript, like bundle.mjs: it runs before anything is compiled.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

// A file removed from the sources must not live on in dist/.
rmSync(dist, { recursive: true, force: true });
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

// Plain JavaScript that the compiled modules find by URL (new URL('./worker-boot.mjs', import.meta.url)).
for (const file of ['harness/runner/worker-boot.mjs', 'harness/capture/recorder.mjs']) copyFileSync(join(root, file), join(dist, file));

// What bundle.mjs defines for a bundle holds for dist/ too: no TypeScript loader is in place, so
// harness/typescript.ts registers tsx for the user's modules (agents, scenarios, configs in .ts).
let defined = 0;
for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
  const source = readFileSync(join(dist, file), 'utf8');
  if (!source.includes('process.env.FAULTLINE_BUNDLED')) continue;
  writeFileSync(join(dist, file), source.replaceAll('process.env.FAULTLINE_BUNDLED', "'1'"));
  defined++;
}
if (defined === 0) throw new Error('[faultline] build: no module reads process.env.FAULTLINE_BUNDLED any more; say in harness/build.mjs how dist/ loads user .ts files now');

// The command and the worker threads bundled from dist/ (esbuild, which tsx brings): a worker then
// loads a few chunks instead of 160 modules of faultline's own, ready sooner in every process a team
// starts. What they import lazily (a runtime's libraries, MSW, the MCP server) stays in chunks of its
// own, loaded only when a run needs it; packages stay external. The modules that find files from
// `import.meta.url` keep finding them from where they are in dist/.
const { build } = await import('esbuild');
const bundled = join(dist, 'bundle');
const relocate = {
  name: 'relocate-import-meta-url',
  setup(b) {
    // The sources' own bundler, which worker-entry.js reaches only outside dist/.
    b.onResolve({ filter: /\/bundle\.mjs$/ }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const from = relative(bundled, args.path).split(sep).join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(from)}, import.meta.url).href`), loader: 'js' };
    });
  },
};
await build({
  // The public entry points too (package.json exports them from here): a team's scenario or config that imports faultline then shares the command's and the workers' modules instead of loading a second copy.
  entryPoints: { main: join(dist, 'harness/cli/main.js'), worker: join(dist, 'harness/runner/worker.js'), index: join(dist, 'harness/index.js'), vitest: join(dist, 'harness/vitest/index.js') },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outdir: bundled,
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
  plugins: [relocate],
});
