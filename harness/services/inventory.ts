import { z } from 'zod';
import { json, problem, type Service } from './types.ts';

export const inventoryState = z.object({ legacyCoercion: z.boolean().default(true) });

/**
 * The legacy inventory calculator of seed 002 case 7. It never rejects a string: it reads the first
 * character as the number, so `"10"` silently becomes 1 — the coercion nobody logged.
 */
export function inventoryService(state: z.infer<typeof inventoryState>, host = 'https://inventory.sim'): Service {
  const coerce = (value: unknown): number | null => {
    if (typeof value === 'number') return value;
    if (state.legacyCoercion && typeof value === 'string' && /^\d/.test(value)) return Number(value[0]);
    return null;
  };
  return {
    name: 'inventory',
    host,
    idempotency: false,
    routes: [
      {
        tool: 'compute_inventory',
        method: 'POST',
        path: '/compute',
        handle(req) {
          const stores = coerce(req.input.stores);
          const days = coerce(req.input.days);
          const dailyUnits = coerce(req.input.daily_units);
          if (stores === null || days === null || dailyUnits === null) {
            // The fixed function of the seed rejects with a clear error: naming the field, the type and
            // what came is what lets a caller correct its call instead of giving up on it.
            const bad = Object.entries({ stores, days, daily_units: dailyUnits }).filter(([, v]) => v === null);
            return problem(400, 'invalid_input', bad.map(([k]) => `${k} must be an integer (got ${JSON.stringify(req.input[k]) ?? 'nothing'})`).join('; '));
          }
          return json(200, { case_packs: Math.round(stores * days * dailyUnits) });
        },
      },
    ],
  };
}
