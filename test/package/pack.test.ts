import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as a team gets it: built, packed, installed into a project of its own, and used
// from there through its public face only (`faultline`, `faultline/vitest`, the faultline command).

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/consumer/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'faultline-pack-'));
const project = join(dir, 'my-project');
const installed = join(project, 'node_modules', 'faultline');

// Child processes see none of this test process's own settings: the source condition, vitest's variables.
const env = Object.fromEntries(Object.entries({ ...process.env, CI: 'true' }).filter(([k]) => k !== 'NODE_OPTIONS' && k !== 'FORCE_COLOR' && !k.startsWith('VITEST')));

async function run(command: string, args: string[], cwd = project) {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let packed: { filename: string; entryCount: number; files: Array<{ path: string }> };
let init: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  // One build and one pack, shared by every case. npm pack --ignore-scripts: the build just ran.
  await exec(process.execPath, ['harness/build.mjs'], { cwd: ROOT, env });
  const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, env });
  [packed] = JSON.parse(stdout);

  // Installed without the network: the tarball extracted where npm would put it, and each package it
  // depends on (and the project's own vitest, typescript, @types/node) linked from this repository's
  // node_modules, where the lockfile's versions are. `npm install --offline` would need every
  // transitive dependency's tarball in the npm cache, which a CI machine or a fresh clone does not
  // have, and takes far longer; what this test is about is the tarball's contents.
  mkdirSync(installed, { recursive: true });
  await exec('tar', ['-xzf', join(dir, packed.filename), '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies), '@types/node', 'typescript']) {
    mkdirSync(dirname(join(project, 'node_modules', name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  }
  mkdirSync(join(project, 'node_modules', '.bin'));
  symlinkSync('../faultline/bin/faultline.mjs', join(project, 'node_modules', '.bin', 'faultline'));
  cpSync(FIXTURE, project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-project', private: true, type: 'module' }));
  // The team scaffolds its project as the README says: the one type check below covers what init writes.
  init = await run('npx', ['--no', 'faultline', 'init']);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds what a user needs: the compiled modules and declarations, the command, the docs; no sources, tests or baselines', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/faultline.mjs', 'dist/harness/index.js', 'dist/harness/index.d.ts', 'dist/harness/vitest/index.js', 'dist/harness/cli/main.js']));
    // The command, the workers and the public entry points bundled, sharing their modules: what runs.
    expect(paths).toEqual(expect.arrayContaining(['dist/bundle/main.js', 'dist/bundle/worker.js', 'dist/bundle/index.js', 'dist/bundle/vitest.js']));
    expect(paths.filter((p) => !/^(dist\/.*\.(js|d\.ts|mjs)|bin\/faultline\.mjs|docs\/.*\.md|README\.md|package\.json)$/.test(p))).toEqual([]);
    expect(paths.filter((p) => /(^|\/)(test|\.ci|baselines|regression|bench)\//.test(p))).toEqual([]);
  });

  it('type-checks a consumer that imports faultline and faultline/vitest, and what faultline init wrote, under strict and exactOptionalPropertyTypes', async () => {
    expect(init.stdout).toContain('faultline/agent.ts');
    const tsc = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('exports its public face only: internals are not importable', async () => {
    const probe = "import('faultline/scenarios/define.ts').then(() => console.log('imported'), (e) => console.log(e.code))";
    expect((await run(process.execPath, ['--input-type=module', '-e', probe])).stdout.trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it("runs the user's scenario against the user's agent with the installed command, from dist/ with no compiler of its own", async () => {
    const { code, stdout, stderr } = await run('npx', ['--no', 'faultline', 'run', '--scenario', './my-scenario.ts', '--agent', './my-agent.ts', '--out', 'out']);
    expect(stderr).not.toMatch(/Error/);
    expect(stdout).toMatch(/my-first-order\s+1\/1 pass/);
    expect(code).toBe(0);
    const results = JSON.parse(readFileSync(join(project, 'out', 'results.json'), 'utf8'));
    expect(results.runs.map((r: { scenario: string; verdict: string }) => [r.scenario, r.verdict])).toEqual([['my-first-order', 'pass']]);
    // Nothing is compiled where it runs: the package holds no sources.
    expect(existsSync(join(installed, 'harness'))).toBe(false);
    // A user's `import 'faultline'` reaches the bundled entry, the one the workers share.
    expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).exports['.'].default).toBe('./dist/bundle/index.js');
  });

  it('scaffolds the project with faultline init, and the scaffold gates: a baseline written, then no regression', async () => {
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^faultline init: wrote 6 file\(s\)/);
    for (const file of ['faultline.config.ts', 'faultline/agent.ts', 'faultline/tools.ts', 'faultline/services/shop.ts', 'faultline/scenarios/place-order-lost-reply.ts', '.github/workflows/faultline.yml'])
      expect(existsSync(join(project, file)), file).toBe(true);

    const baseline = await run('npx', ['--no', 'faultline', 'gate', '--update-baseline']);
    expect(baseline.stderr).toBe('');
    // The placeholder agent fails the scenario on every run, as it should: that is the baseline.
    expect(baseline.stdout).toContain('baseline written to faultline/baseline.json: mean pass^3 0.000 over 1 scenario(s)');
    expect(baseline.code).toBe(0);
    const gate = await run('npx', ['--no', 'faultline', 'gate', '--reporter', 'md,junit,html', '--out', 'faultline-out']);
    expect(gate.stdout).toMatch(/gate: passed — no regression against faultline\/baseline\.json/);
    expect(gate.code).toBe(0);
    expect(readFileSync(join(project, 'faultline-out', 'summary.md'), 'utf8')).toMatch(/^## ✅ gate: passed/);
  });

  it('runs a consumer vitest file that uses faultline/vitest', async () => {
    const { code, stdout, stderr } = await run(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run']);
    expect(stdout + stderr).toMatch(/1 passed/);
    expect(code).toBe(0);
  });
});
