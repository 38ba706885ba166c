import { readdirSync, rmSync } from 'node:fs';
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
