#!/usr/bin/env node
// The CLI entry: TypeScript support first, then the CLI proper.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
const { catchInterrupts } = await import('../harness/cli/interrupt.ts');
// Fail closed: a module faultline loaded (an agent, a scenario, a config) that ends the process
// before the command has finished must never leave exit code 0 behind it.
let finished = false;
process.on('exit', (code) => {
  if (finished || code !== 0) return;
  process.stderr.write('[faultline] the process ended before faultline finished (did a loaded module call process.exit?): exit code 1\n');
  process.exitCode = 1;
});
catchInterrupts();
process.exitCode = await main(process.argv.slice(2));
finished = true;
