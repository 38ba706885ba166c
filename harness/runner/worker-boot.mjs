// Every worker starts here: stack traces name the TypeScript sources (the bundle carries its source
// map), as they do under tsx, so a history that records an agent's stack is the same either way.
// It must be on before the entry is loaded, hence this file of its own.
import { existsSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

process.setSourceMapsEnabled(true);
// A bundle another process pruned meanwhile: start through tsx instead.
await import(existsSync(new URL(workerData.entry)) ? workerData.entry : new URL('./worker.mjs', import.meta.url).href);
