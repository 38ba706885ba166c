import { z } from 'zod';
import { defineToolFault, rewritingBody, toolTarget, when } from './types.ts';

/**
 * Changes the response shape: each `from` field moves to the dotted path `to`
 * (`{primary, secondary}` → `speakers.0`, `speakers.1` for seed 002 case 5).
 */
export const shapeChange = defineToolFault({
  name: 'shape-change',
  description: 'the response shape drifts from v1 to v2 (seed 002 case 5)',
  params: z.object({ fault: z.literal('shape-change'), tool: toolTarget, when, move: z.record(z.string(), z.string()) }).strict(),
  create(params, rng) {
    return rewritingBody(this.name, params, rng, (body, ctx) => {
      ctx.strike(
        `response reshaped: ${Object.entries(params.move)
          .map(([f, t]) => `${f}→${t}`)
          .join(', ')}`,
      );
      return moveFields(body, params.move);
    });
  },
});

export function moveFields(body: Record<string, unknown>, move: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const [from, to] of Object.entries(move)) {
    const value = out[from];
    delete out[from];
    const path = to.split('.');
    let node: Record<string, unknown> = out;
    path.slice(0, -1).forEach((key, i) => {
      node[key] ??= /^\d+$/.test(path[i + 1] ?? '') ? [] : {};
      node = node[key] as Record<string, unknown>;
    });
    node[path.at(-1) as string] = value;
  }
  return out;
}
