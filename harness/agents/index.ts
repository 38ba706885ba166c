import type { BundledAgentName } from './names.ts';
import type { Agent } from './types.ts';

// Each runtime's code (and the libraries it needs: the SDK, ai, LangChain…) is imported only when a
// run asks for it, so a worker running one agent never pays for loading the others.
const LOADERS: Record<BundledAgentName, () => Promise<Agent>> = {
  naive: async () => (await import('./naive.ts')).naive,
  hardened: async () => (await import('./hardened/index.ts')).hardened,
  'sdk-tool-runner': async () => (await import('./sdk-tool-runner.ts')).sdkToolRunner,
  'ai-sdk': async () => (await import('./ai-sdk.ts')).aiSdk,
  langchain: async () => (await import('./langchain.ts')).langchain,
  'mcp-agent': async () => (await import('./mcp-agent.ts')).mcpAgent,
};

/** A bundled runtime by name, its code loaded on first use. */
export const loadBundledAgent = (name: BundledAgentName): Promise<Agent> => LOADERS[name]();
