#!/usr/bin/env node
// The CLI entry: the harness bundled (a fraction of the start-up that compiling it through tsx
// costs), or through tsx when it cannot be bundled; then the CLI proper.
import { bundle } from '../harness/bundle.mjs';

// Stack traces (an agent's error in an explore run's history) name the sources, as in the workers.
process.setSourceMapsEnabled(true);
const source = new URL('../harness/cli/main.ts', import.meta.url);
const bundled = await bundle(source);
if (!bundled) (await import('tsx/esm/api')).register();
const { main, catchInterrupts } = await import((bundled ?? source).href);
// Fail closed: a module faultline loaded (an agent, a scenario, a config) that ends the process
// before the command has finished must never leave exit code 0 behind it.
let finished = false;
process.on('exit', (code) => {
  if (finished || code !== 0) return;
  process.stderr.write('[faultline] the process ended before faultline finished (did a loaded module call process.exit?): exit code 1\n');
  process.exitCode = 1;
});
catchInterrupts(process.argv[2]);
process.exitCode = await main(process.argv.slice(2));
finished = true;
