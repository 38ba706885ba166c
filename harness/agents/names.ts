/** The bundled runtimes' names, in the order reports and the catalogue table list them: known without loading their code (and the libraries it needs). */
export const BUNDLED_AGENT_NAMES = ['naive', 'hardened', 'sdk-tool-runner', 'ai-sdk', 'langchain', 'mcp-agent'] as const;
export type BundledAgentName = (typeof BUNDLED_AGENT_NAMES)[number];

export const isBundledAgent = (ref: string): ref is BundledAgentName => (BUNDLED_AGENT_NAMES as readonly string[]).includes(ref);
