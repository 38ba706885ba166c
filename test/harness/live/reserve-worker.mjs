// Reserves 100 tokens at a time from a shared budget until it refuses; reports how many it won.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { Budget } = await import('../../../harness/live/budget.ts');
const budget = new Budget(workerData);
let won = 0;
while (budget.tryReserve({ input: 40, output: 60 })) won++;
parentPort.postMessage(won);
