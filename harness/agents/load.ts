import { UsageError } from '../errors.ts';
import { importUserModule } from '../modules.ts';
import { BUNDLED_AGENT_NAMES, isBundledAgent } from './names.ts';
import type { Agent } from './types.ts';

/** An `--agent` entry names a user's module (not a bundled runtime) when it ends in .ts, .mts, .js or .mjs. */
export const isAgentModule = (ref: string): boolean => !isBundledAgent(ref) && /\.(m?js|ts|mts)$/.test(ref);

/** A bundled runtime by name (its code loaded only then), or a user's module (`.ts`, `.js`, `.mjs`) whose default export is an Agent. */
export async function loadAgent(ref: string): Promise<Agent> {
  if (isBundledAgent(ref)) return (await import('./index.ts')).loadBundledAgent(ref);
  if (!isAgentModule(ref)) throw new UsageError(`--agent: unknown agent "${ref}". Use one of ${BUNDLED_AGENT_NAMES.join(', ')}, or a path to a .ts, .js or .mjs module`);
  const loaded = await importUserModule(ref);
  if (loaded.problem !== undefined) throw new UsageError(`--agent: ${ref}: ${loaded.problem}`);
  const agent = loaded.module.default as Partial<Agent> | undefined;
  if (!agent || typeof agent.run !== 'function') throw new UsageError(`--agent: ${ref}: the default export must be an Agent, an object with run(task, env) (see README, "Bring your own agent")`);
  // A name that is not text would be written to results.json and refused when it is read back.
  return { name: typeof agent.name === 'string' && agent.name ? agent.name : ref, run: agent.run.bind(agent) };
}

/** An `--agent` entry checked before a suite runs: a bundled runtime by its name (its code loads in the workers that run it), a module by loading it. */
export async function checkAgent(ref: string): Promise<void> {
  if (!isBundledAgent(ref)) await loadAgent(ref);
}
