import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

const BUNDLES = new URL('../../harness/.bundle/', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'faultline-bundle-'));
// A name of its own, so its record of inputs is no other entry's.
const source = join(dir, `probe-${process.pid}.ts`);
const helper = join(dir, 'helper.ts');
writeFileSync(helper, 'export const answer: number = 42;\n');
writeFileSync(source, "import { answer } from './helper.ts';\nexport default answer;\n");

afterEach(() => {
  vi.doUnmock('esbuild');
  vi.resetModules();
});

describe('bundle', () => {
  it('reuses the bundle of unchanged sources without running esbuild, and builds again once an input changes', async () => {
    const { bundle } = await import('../../harness/bundle.mjs');
    const first = await bundle(pathToFileURL(source));
    expect(first).toBeDefined();
    expect((await import(first!.href)).default).toBe(42);

    vi.resetModules();
    const build = vi.fn(async () => {
      throw new Error('esbuild must not run for unchanged sources');
    });
    vi.doMock('esbuild', () => ({ build }));
    const { bundle: again } = await import('../../harness/bundle.mjs');
    expect((await again(pathToFileURL(source)))?.href).toBe(first!.href);
    expect(build).not.toHaveBeenCalled();

    // An imported file changes: the record no longer holds, and the (failing) build is asked for.
    const later = new Date(Date.now() + 5_000);
    utimesSync(helper, later, later);
    expect(await again(pathToFileURL(source))).toBeUndefined();
    expect(build).toHaveBeenCalledTimes(1);
    for (const made of [
      first!,
      ...readdirSync(BUNDLES)
        .filter((f) => f.startsWith(`probe-${process.pid}-`))
        .map((f) => new URL(f, BUNDLES)),
    ])
      rmSync(made, { force: true });
    rmSync(dir, { recursive: true, force: true });
  });
});
