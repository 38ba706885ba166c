import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// Each case imports worker-entry afresh: it keeps the entry it chose for the process.
describe('workerEntry', () => {
  it('bundles the harness into a file named by its content, beside the sources, and reuses it', async () => {
    vi.resetModules();
    const { workerEntry } = await import('../../../harness/runner/worker-entry.ts');
    const entry = workerEntry();
    expect((await entry).href).toMatch(/\/harness\/\.bundle\/worker-[0-9A-Z]{8}\.mjs$/);
    vi.resetModules();
    expect((await (await import('../../../harness/runner/worker-entry.ts')).workerEntry()).href).toBe((await entry).href);
  });

  it("keeps the validator out of a worker's start: Ajv loads only with a user's scenario files, and the source map is a file of its own", async () => {
    vi.resetModules();
    const { workerEntry } = await import('../../../harness/runner/worker-entry.ts');
    const entry = await workerEntry();
    // The packages the entry and the chunks it imports statically load before the worker is ready.
    const packages = new Set<string>();
    const files = [entry.href];
    for (const file of files) {
      const text = readFileSync(new URL(file), 'utf8');
      for (const [, from] of text.matchAll(/^import [^;]*?from "([^"]+)";?$/gms)) {
        const chunk = new URL(from!, file).href;
        if (!from!.startsWith('./')) packages.add(from!);
        else if (!files.includes(chunk)) files.push(chunk);
      }
      expect(text.trimEnd().split('\n').at(-1)).toMatch(/^\/\/# sourceMappingURL=[\w-]+\.mjs\.map$/);
    }
    expect(files.length).toBeGreaterThan(1);
    expect([...packages]).toContain('zod');
    expect([...packages].filter((p) => p.startsWith('ajv'))).toEqual([]);
  });

  it('falls back to starting workers through tsx when the bundle cannot be built, and runs still work', async () => {
    vi.resetModules();
    vi.doMock('esbuild', () => ({
      build: async () => {
        throw new Error('no esbuild here');
      },
    }));
    // Without the record of the last build, a start-up has to build (a fresh install, or changed sources).
    const bundles = new URL('../../../harness/.bundle/', import.meta.url);
    for (const record of readdirSync(bundles).filter((f) => /^worker-\w+\.inputs\.json$/.test(f))) rmSync(new URL(record, bundles), { force: true });
    try {
      const { workerEntry } = await import('../../../harness/runner/worker-entry.ts');
      expect((await workerEntry()).href).toMatch(/\/harness\/runner\/worker\.mjs$/);
      const { runIsolated } = await import('../../../harness/runner/supervisor.ts');
      const { loadCatalogue } = await import('../../../scenarios/index.ts');
      const [record] = await runIsolated([{ scenario: 'string-coercion', agent: 'test/fixtures/agents/wrapped.ts', seed: 1, trial: 1 }], loadCatalogue(), { wallTimeoutMs: 20_000 });
      expect(record?.verdict).toBe('pass');
    } finally {
      vi.doUnmock('esbuild');
    }
  });
});
