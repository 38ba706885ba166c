import { z } from 'zod';
import type { Rng } from '../rng.ts';
import type { ClientReply, ServiceReply, ServiceRequest } from '../services/types.ts';
import type { World } from '../world.ts';

/**
 * Which matching requests a fault strikes: the first `first` of them (a number, or a range the seed
 * picks from once per run), the request numbers listed in `strike` (1 = the first matching request:
 * a precise schedule no seed changes, as `faultline explore` writes them), and each other one with
 * `probability`. Omitted: every request. With `match` (tool faults), only the requests whose
 * arguments carry those values count and can be struck: `{ customer_id: 'C-204' }` aims the
 * schedule at one call of a parallel batch. Values compare as text, as a query string carries them.
 */
export const when = z
  .object({
    first: z.union([z.number().int().min(0), z.tuple([z.number().int().min(0), z.number().int().min(0)])]).optional(),
    strike: z.array(z.number().int().min(1)).optional(),
    probability: z.number().min(0).max(1).optional(),
    match: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict()
  .default({});
export type When = z.infer<typeof when>;

/** Decides, request by request and from the seed alone, whether a fault strikes; `input` is the request's arguments (a tool fault's). */
export function schedule(spec: When, rng: Rng): (input?: Record<string, unknown>) => boolean {
  const everything = spec.first === undefined && spec.probability === undefined && spec.strike === undefined;
  const first = Array.isArray(spec.first) ? rng.int(spec.first[0], spec.first[1]) : (spec.first ?? 0);
  const listed = new Set(spec.strike);
  const match = Object.entries(spec.match ?? {});
  let seen = 0;
  return (input) => {
    if (match.length && !match.every(([k, v]) => input?.[k] !== undefined && String(input[k]) === String(v))) return false;
    const index = seen++;
    if (everything || index < first || listed.has(index + 1)) return true;
    return spec.probability !== undefined && rng.chance(spec.probability);
  };
}

export type ToolFaultContext = {
  world: World;
  request: ServiceRequest;
  /** Records that the fault struck this request, as a history event. */
  strike(detail: string): void;
};

/** A fault over a tool service: it wraps the service call `next` (which commits) like middleware. */
export type ToolFault = {
  name: string;
  tool: string;
  wrap(ctx: ToolFaultContext, next: () => Promise<ServiceReply>): Promise<ClientReply>;
  /**
   * Over MCP only, asked by the MCP server of each tools/call of the tool before the call reaches
   * the route (`input`: its arguments): true ends the session under it, and the call is answered
   * 404 without the service ever seeing it (`mcp-session-expired`). `strike` records the fault.
   */
  endsSession?(ctx: { input: Record<string, unknown>; strike(detail: string): void }): boolean;
};

/** A fault package: its parameters' schema and a factory that builds it for one run. */
export type ToolFaultPackage<P extends z.ZodType = z.ZodType> = {
  name: string;
  description: string;
  params: P;
  create(params: z.infer<P>, rng: Rng): ToolFault;
};

export const toolTarget = z.string().min(1).describe('the tool whose endpoint the fault wraps, or * for all');

/** Builds a package with its parameters typed from its schema. */
export function defineToolFault<P extends z.ZodType>(pkg: ToolFaultPackage<P>): ToolFaultPackage<P> {
  return pkg;
}

/** What an API fault sees of one call: its number, and the request body as the agent sent it (parsed, or the text it was). */
type ApiFaultContext = { world: World; n: number; requestId: string; body: unknown; strike(detail: string): void };

/** A fault over the Messages API: it wraps the model's answer (`next`) like middleware. */
export type ApiFault = {
  name: string;
  wrap(ctx: ApiFaultContext, next: () => Promise<Response>): Promise<Response>;
};

export type ApiFaultPackage<P extends z.ZodType = z.ZodType> = {
  name: string;
  description: string;
  params: P;
  create(params: z.infer<P>, rng: Rng): ApiFault;
};

export function defineApiFault<P extends z.ZodType>(pkg: ApiFaultPackage<P>): ApiFaultPackage<P> {
  return pkg;
}

/** Whether `fault` is aimed at `tool`'s calls: by its name, or at every tool (`*`). */
export const aimsAt = (fault: { tool: string }, tool: string): boolean => fault.tool === tool || fault.tool === '*';

/** A tool fault that strikes on its `when` schedule and otherwise lets the call through untouched. */
export function onSchedule(name: string, params: { tool: string; when: When }, rng: Rng, strike: ToolFault['wrap']): ToolFault {
  const strikes = schedule(params.when, rng);
  return { name, tool: params.tool, wrap: (ctx, next) => (strikes(ctx.request.input) ? strike(ctx, next) : next()) };
}

/**
 * A tool fault that rewrites the JSON body of successful replies; the schedule counts only those,
 * so `first: 1` means the first reply that had a body to rewrite.
 */
export function rewritingBody(name: string, params: { tool: string; when: When }, rng: Rng, rewrite: (body: Record<string, unknown>, ctx: ToolFaultContext) => Record<string, unknown>): ToolFault {
  const strikes = schedule(params.when, rng);
  return {
    name,
    tool: params.tool,
    async wrap(ctx, next) {
      const reply = await next();
      if (reply.status >= 300 || typeof reply.body !== 'object' || reply.body === null || !strikes(ctx.request.input)) return reply;
      return { ...reply, body: rewrite(reply.body as Record<string, unknown>, ctx) };
    },
  };
}
