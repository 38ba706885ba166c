#!/usr/bin/env node
// The CLI entry. An installed package runs its compiled JavaScript (dist/, built by npm run build,
// which bundles the command and the workers): no compiler at start. A source checkout (a clone,
// npm link) runs the sources, never a dist/ that may be stale: the harness bundled (a fraction of
// the start-up that compiling it through tsx costs), or through tsx when it cannot be bundled.
// Then the CLI proper.
import { existsSync } from 'node:fs';

// Stack traces (an agent's error in an explore run's history) name the sources, as in the workers.
process.setSourceMapsEnabled(true);
const source = new URL('../harness/cli/main.ts', import.meta.url);
const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const { main, catchInterrupts, ignoreClosedPipes } = existsSync(source) ? await fromSources(source) : await import(existsSync(bundled) ? bundled.href : '../dist/harness/cli/main.js');
// Fail closed: a module faultline loaded (an agent, a scenario, a config) that ends the process
// before the command has finished must never leave exit code 0 behind it.
let finished = false;
process.on('exit', (code) => {
  if (finished || code !== 0) return;
  process.stderr.write('[faultline] the process ended before faultline finished (did a loaded module call process.exit?): exit code 1\n');
  process.exitCode = 1;
});
catchInterrupts(process.argv[2]);
ignoreClosedPipes();
process.exitCode = await main(process.argv.slice(2));
finished = true;

async function fromSources(entry) {
  const { bundle } = await import('../harness/bundle.mjs');
  const bundled = await bundle(entry);
  if (bundled) return import(bundled.href);
  (await import('tsx/esm/api')).register();
  await import('../harness/source-conditions.mjs');
  return import(entry.href);
}
