import { z } from 'zod';
import { defineService } from './define.ts';
import { json, problem } from './types.ts';

const inventoryState = z.object({ legacyCoercion: z.boolean().default(true) });

/** A number as the legacy calculator reads it: a string by its first digit, when `legacy`; else nothing. */
const coerce = (value: unknown, legacy: boolean): number | null => {
  if (typeof value === 'number') return value;
  if (legacy && typeof value === 'string' && /^\d/.test(value)) return Number(value[0]);
  return null;
};

/**
 * The legacy inventory calculator of seed 002 case 7. It never rejects a string: it reads the first
 * character as the number, so `"10"` silently becomes 1 — the coercion nobody logged.
 */
export const inventoryService = defineService({
  id: 'inventory',
  host: 'https://inventory.sim',
  seed: inventoryState,
  example: { legacyCoercion: true },
  routes: [
    {
      name: 'compute_inventory',
      method: 'POST',
      path: '/compute',
      handle({ input, state }) {
        const stores = coerce(input.stores, state.legacyCoercion);
        const days = coerce(input.days, state.legacyCoercion);
        const dailyUnits = coerce(input.daily_units, state.legacyCoercion);
        if (stores === null || days === null || dailyUnits === null) {
          // The fixed function of the seed rejects with a clear error: naming the field, the type and
          // what came is what lets a caller correct its call instead of giving up on it.
          const bad = Object.entries({ stores, days, daily_units: dailyUnits }).filter(([, v]) => v === null);
          return problem(400, 'invalid_input', bad.map(([k]) => `${k} must be an integer (got ${JSON.stringify(input[k]) ?? 'nothing'})`).join('; '));
        }
        return json(200, { case_packs: Math.round(stores * days * dailyUnits) });
      },
    },
  ],
});
