// npm run build (and prepare, so a git dependency builds itself): the package's JavaScript and
// declarations in dist/, compiled by tsc from the sources tsconfig.build.json names. Plain
// JavaScript, like bundle.mjs: it runs before anything is compiled.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
