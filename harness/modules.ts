import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importModule } from './typescript.ts';

/**
 * A user's module (agent, scenario, config, tools) by path, or why it cannot be had, as a phrase the
 * caller prefixes with its flag and file: "no such file", or "the module failed to load: …".
 */
export async function importUserModule(ref: string): Promise<{ module: Record<string, unknown>; problem?: undefined } | { problem: string }> {
  const file = resolve(ref);
  if (!existsSync(file)) return { problem: 'no such file' };
  // A module that exits while it loads would end faultline with its exit code (0: a green run that never ran).
  const exit = process.exit;
  process.exit = ((code?: unknown) => {
    throw new Error(`it called process.exit(${code ?? ''}) while loading`);
  }) as typeof process.exit;
  try {
    return { module: await importModule(pathToFileURL(file).href) };
  } catch (error) {
    return { problem: `the module failed to load: ${(error as Error).message}` };
  } finally {
    process.exit = exit;
  }
}
