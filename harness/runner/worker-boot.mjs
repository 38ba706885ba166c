// Every worker starts here: stack traces name the TypeScript sources (the bundle carries its source
// map), as they do under tsx, so a history that records an agent's stack is the same either way.
// It must be on before the entry is loaded, hence this file of its own.
import { workerData } from 'node:worker_threads';

process.setSourceMapsEnabled(true);
await import(workerData.entry);
