import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { z } from 'zod';
import { valueAt } from '../../harness/value-at.ts';
import { UsageError } from '../../harness/errors.ts';

/**
 * Reads a regression fixture: a JSON array, one object per row. Every problem is reported at once,
 * each naming the file, the row (its number, and its id when it has one) and the field, so a typo
 * in a row reads as a typo and never as a regression of the agent.
 */
export function loadRows<S extends z.ZodType>(file: string, schema: S, idField: string): z.output<S>[] {
  const inside = relative(process.cwd(), file);
  const name = inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : file;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${name}: cannot read the fixture: ${(error as Error).message}`);
  }
  if (!Array.isArray(data) || !data.length) throw new UsageError(`${name}: expected a non-empty JSON array of rows, got ${describe(data)}`);

  const problems: string[] = [];
  const rows: z.output<S>[] = [];
  const seen = new Map<string, number>();
  data.forEach((raw, i) => {
    const id = typeof raw?.[idField] === 'string' ? (raw[idField] as string) : undefined;
    const where = `${name}: row ${i + 1}${id ? ` (${id})` : ''}`;
    const parsed = schema.safeParse(raw);
    if (parsed.success) rows.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push(`${where}: ${issue.path.join('.') || '(row)'}: ${issue.message}${got(raw, issue.path)}`);
    // Two rows with one id would make a failure impossible to name, and a test name ambiguous.
    if (id && seen.has(id)) problems.push(`${where}: ${idField}: "${id}" is already row ${seen.get(id)}`);
    if (id) seen.set(id, i + 1);
  });
  if (problems.length) throw new UsageError(`${name} does not validate (${problems.length} problem(s)):\n  ${problems.join('\n  ')}`);
  return rows;
}

function got(raw: unknown, path: PropertyKey[]): string {
  const value = valueAt(raw, path);
  return value === undefined || (typeof value === 'object' && value !== null) ? '' : ` (got ${JSON.stringify(value)})`;
}

const describe = (x: unknown): string => (Array.isArray(x) ? 'an empty array' : x === null ? 'null' : typeof x);
