import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';

/**
 * Refuses a list that names one scenario or agent twice: it would run twice, and its duplicate
 * records are refused later by `faultline merge`. Paths are the same entry when they name the same
 * file (`./a.ts` and `a.ts`), resolved from `base`.
 *
 * @example refuseRepeats('--agent', ['hardened', 'hardened'], isAgentModule)
 * // UsageError: --agent: "hardened" is given twice; give each once
 */
export function refuseRepeats(what: string, refs: readonly string[], isPath: (ref: string) => boolean, base = process.cwd()): void {
  const first = new Map<string, string>();
  const repeats: string[] = [];
  for (const ref of refs) {
    const key = isPath(ref) ? resolve(base, ref) : ref;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, ref);
    else repeats.push(earlier === ref ? `"${ref}" is given twice` : `"${earlier}" and "${ref}" are the same file (${key})`);
  }
  if (repeats.length) throw new UsageError(`${what}: ${[...new Set(repeats)].join('; ')}; give each once`);
}
