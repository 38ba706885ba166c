import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
/**
 * Makes the user's modules loadable in this thread: agents, scenario files and configs in
 * TypeScript, and JavaScript ones that import TypeScript (`faultline/scenarios/define.ts`). Only the
 * bundled harness (bundle.mjs, which defines FAULTLINE_BUNDLED) needs it: running from the sources
 * means a TypeScript loader (tsx, vitest) is already in place.
 */
async function loadTypeScript(): Promise<void> {
  if (process.env.FAULTLINE_BUNDLED !== '1' || registered) return;
  registered = true;
  // In a source checkout a user's module that imports `faultline` gets the sources, as faultline runs
  // them (source-conditions.mjs); an installed package has no such file. Registered here, when the
  // first user module loads, not at every start: a hooks thread costs a process or worker ~0.3 s of CPU.
  const conditions = new URL('./source-conditions.mjs', import.meta.url);
  if (existsSync(fileURLToPath(conditions))) await import(conditions.href);
  // An installed package (dist/): the public API the user's modules import (`faultline`, exported from
  // dist/bundle/) is loaded before tsx's hooks are, so an `import 'faultline'` through them finds its
  // packages loaded. Through the hooks, which resolve and load every module of a graph on a thread of
  // their own, the unbundled API took 1.6 s instead of 0.45. (tsImport still loads the API's own
  // chunks a second time, under its namespace: they hold no state a run depends on.)
  else await import(new URL('../bundle/index.js', import.meta.url).href);
  (await import('tsx/esm/api')).register();
}

let registered = false;

/**
 * Imports a user's module by file URL. A TypeScript file is loaded as an ES module through tsx's
 * `tsImport` in the bundled harness, whatever its package's `type`: most team repositories are not
 * `"type": "module"`, and there `import()` hands a `.ts` file with `export` to the CommonJS loader,
 * which refuses it ("Cannot require() ES Module … in a cycle").
 */
export async function importModule(url: string): Promise<Record<string, unknown>> {
  await loadTypeScript();
  if (process.env.FAULTLINE_BUNDLED !== '1' || !/\.[mc]?ts$/.test(new URL(url).pathname)) return import(url);
  const module = (await (await import('tsx/esm/api')).tsImport(url, import.meta.url)) as Record<string, unknown>;
  // In a CommonJS package the file is compiled to CommonJS: its exports arrive whole as `default`.
  const exports = module.default as Record<string, unknown> | null | undefined;
  return exports && typeof exports === 'object' && '__esModule' in exports ? exports : module;
}
