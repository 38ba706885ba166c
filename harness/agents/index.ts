import { aiSdk } from './ai-sdk.ts';
import { hardened } from './hardened/index.ts';
import { naive } from './naive.ts';
import { sdkToolRunner } from './sdk-tool-runner.ts';
import type { Agent } from './types.ts';

/** The bundled runtimes by name. */
export const bundledAgents: Record<string, Agent> = { naive, hardened, 'sdk-tool-runner': sdkToolRunner, 'ai-sdk': aiSdk };
