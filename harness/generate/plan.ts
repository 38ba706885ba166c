import fc from 'fast-check';
import { z } from 'zod';
import type { ToolSpec } from '../agents/types.ts';
import { canonical } from '../canonical.ts';
import { hashToInt } from '../rng.ts';
import { objectOf } from './arbitrary.ts';
import { statedValues, templatable, type Stated } from './case.ts';
import type { Deployment } from './deployment.ts';
import { probe, type Reply } from './probe.ts';

/** One planned call of a tool and what the example world answered it with. */
export type Planned = { input: Record<string, unknown>; reply: Reply };

/** A tool's planned calls: those its service answered 2xx (the richest reply first), and the first it refused. */
export type Plans = { ok: Planned[]; refused?: Planned };

const CANDIDATES = 30;

/**
 * Plans calls of `tool` from its input schema, seeded: each argument is drawn from the values the
 * example world knows for a field of the same name (its own service's first, then any service's;
 * a record `skus: { A1: … }` knows `sku` A1; a recipient field such as `to` or `*_email` knows
 * the world's email addresses), and otherwise from a fast-check arbitrary of its JSON Schema. Each
 * candidate is sent to a fresh example world; those answered 2xx are the plans, the one whose
 * reply holds the most values first (it reached real rows). Same deployment and seed, same plans.
 */
export async function planCalls(deployment: Deployment, tool: ToolSpec, seed: number): Promise<Plans> {
  const world = deployment.serviceOf.get(tool.name)!;
  const properties = (tool.input_schema.properties ?? {}) as Record<string, unknown>;
  const fields = Object.fromEntries(
    Object.entries(properties).flatMap(([field, schema]) => {
      const known = knownValues(deployment, tool, field, schema);
      return known.length ? [[field, fc.constantFrom(...known)]] : [];
    }),
  );
  const drawn = fc.sample(objectOf(tool.input_schema, fields), { seed: hashToInt(`${seed}/generate/${tool.name}`), numRuns: CANDIDATES });
  const candidates = [...new Map(drawn.map((input) => [canonical(input), input])).values()];
  const ok: Planned[] = [];
  let refused: Planned | undefined;
  for (const input of candidates) {
    const [reply] = await probe(tool, world, [{ input }], seed);
    if (reply!.status < 300) ok.push({ input, reply: reply! });
    else refused ??= { input, reply: reply! };
  }
  // A stable sort: among equally rich replies the seed's order stays.
  ok.sort((a, b) => leafCount(b.reply.body) - leafCount(a.reply.body));
  return { ok, ...(refused ? { refused } : {}) };
}

/** Values for `field` the example world holds and its schema accepts: the tool's own service's first, then the others'. */
function knownValues(deployment: Deployment, tool: ToolSpec, field: string, schema: unknown): unknown[] {
  const own = deployment.serviceOf.get(tool.name)!;
  const others = [...new Set(deployment.serviceOf.values())].filter((w) => w !== own);
  let accepts: (value: unknown) => boolean;
  try {
    const parser = z.fromJSONSchema(schema as never);
    accepts = (value) => parser.safeParse(value).success;
  } catch {
    accepts = () => false;
  }
  const recipient = /^(to|cc|bcc|email|recipient)$|_email$|^email_/i.test(field) || (schema as { format?: unknown })?.format === 'email';
  const lookups: Array<(values: Map<string, unknown[]>) => unknown[]> = [
    (values) => values.get(field) ?? [],
    ...(recipient ? [(values: Map<string, unknown[]>) => [...values.values()].flat().filter((v) => typeof v === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v))] : []),
  ];
  for (const lookup of lookups)
    for (const worlds of [[own], others]) {
      const found = [...new Set(worlds.flatMap((w) => lookup(valuesIn(w.literal))))].filter(accepts);
      if (found.length) return found;
    }
  return [];
}

/** Every scalar in a seed by the name of its field, and the keys of a record under its singular (`skus: { A1 }` → sku: A1). */
export function valuesIn(seed: unknown, into = new Map<string, unknown[]>()): Map<string, unknown[]> {
  const add = (field: string, value: unknown) => into.set(field, [...(into.get(field) ?? []), value]);
  if (Array.isArray(seed)) seed.forEach((item) => valuesIn(item, into));
  else if (seed && typeof seed === 'object')
    for (const [field, value] of Object.entries(seed)) {
      if (value === null || typeof value !== 'object') add(field, value);
      else if (!Array.isArray(value) && /s$/.test(field) && Object.values(value).every((v) => v && typeof v === 'object' && !Array.isArray(v))) for (const key of Object.keys(value)) add(field.replace(/ies$/, 'y').replace(/s$/, ''), key);
      valuesIn(value, into);
    }
  return into;
}

/** How many scalar values a reply holds. */
function leafCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + leafCount(v), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + leafCount(v), 0);
  return value === null || value === undefined || value === '' ? 0 : 1;
}

/** What a correct answer to a planned call must state: the best value its reply holds that a world seeded otherwise answers alike. */
export async function statedOf(deployment: Deployment, tool: ToolSpec, plan: Planned, seed: number): Promise<Stated | undefined> {
  if (!templatable(tool)) return undefined;
  const [again] = await probe(tool, deployment.serviceOf.get(tool.name)!, [{ input: plan.input }], seed + 1);
  return statedValues(plan.reply, again!, plan.input)[0];
}
