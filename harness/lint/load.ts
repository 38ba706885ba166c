import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { z } from 'zod';
import type { ToolSpec } from '../agents/types.ts';
import { UsageError } from '../errors.ts';
import { importUserModule } from '../modules.ts';

// What lint needs of a tool; the rest of a ToolSpec (description, endpoint) it does not judge.
const lintable = z.looseObject({
  name: z.string().min(1),
  input_schema: z.looseObject({}),
  effect: z.enum(['read', 'write', 'charge', 'send', 'provision', 'destructive']),
  strict: z.boolean().optional(),
  idempotent: z.boolean().optional(),
  target: z.string().optional(),
  responseSchema: z.record(z.string(), z.unknown()).optional(),
});

/** A text file as given on the command line; a missing one is bad input (exit 2). */
export function readText(flag: string, file: string): string {
  if (!existsSync(resolve(file))) throw new UsageError(`${flag}: ${file}: no such file`);
  return readFileSync(resolve(file), 'utf8');
}

/**
 * Loads the tools to lint: a .ts / .mts / .js / .mjs module whose default export (or named export
 * `tools`) is an array or record of tool specs, or a .json file holding one. Returns the tools and
 * the file's text (where each tool's line is found). Anything else is a UsageError naming the file,
 * the entry and the field.
 */
export async function loadTools(file: string): Promise<{ tools: ToolSpec[]; source: string }> {
  const source = readText('--tools', file);
  const ext = extname(file);
  let candidates: Array<[string, unknown]>;
  if (ext === '.json') {
    try {
      candidates = [['the file', JSON.parse(source)]];
    } catch (error) {
      throw new UsageError(`--tools: ${file}: not JSON (${(error as Error).message})`);
    }
  } else if (['.ts', '.mts', '.js', '.mjs'].includes(ext)) {
    const loaded = await importUserModule(file);
    if (loaded.problem !== undefined) throw new UsageError(`--tools: ${file}: ${loaded.problem}`);
    candidates = [
      ['default', loaded.module.default],
      ['tools', loaded.module.tools],
    ];
  } else throw new UsageError(`--tools: ${file}: expected a .ts, .mts, .js, .mjs or .json file`);

  const usable = candidates.find(([, value]) => entries(value) !== undefined);
  if (!usable)
    throw new UsageError(`--tools: ${file}: no usable tools: expected ${ext === '.json' ? 'an array' : 'a default export (or a named export `tools`) that is an array or a record'} of tool specs ({ name, input_schema, effect, … })`);
  const problems: string[] = [];
  const tools = entries(usable[1])!.flatMap(([key, value]) => {
    const parsed = lintable.safeParse(value);
    if (parsed.success) return [parsed.data as unknown as ToolSpec];
    for (const issue of parsed.error.issues) problems.push(`${file}: ${[key, ...issue.path].join('.')}: ${issue.message}`);
    return [];
  });
  if (problems.length) throw new UsageError(`--tools: invalid tool spec${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
  return { tools, source };
}

/** An array's or a record's entries, keyed for messages (`tools.2`, `tools.place_order`); undefined for anything else. */
function entries(value: unknown): Array<[string, unknown]> | undefined {
  if (Array.isArray(value)) return value.map((v, i) => [`tools.${i}`, v]);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const all = Object.entries(value);
    // A record of specs, not a single spec or some other object: every value is an object.
    return all.length && all.every(([, v]) => v && typeof v === 'object' && !Array.isArray(v)) && !('input_schema' in value) ? all.map(([k, v]) => [`tools.${k}`, v]) : undefined;
  }
  return undefined;
}
