#!/usr/bin/env node
// The CLI entry: TypeScript support first, then the CLI proper.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
