import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defineSuite } from '../suite.ts';
import { knownCasePacks } from './checker.ts';
import { computationScenario, type ComputationRow } from './scenario.ts';

const count = z.number().int().positive();
const figure = z.enum(['stores', 'days', 'daily_units']);

const row = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case words joined by -'),
    note: z.string().optional(),
    // Said in full on every row: which calculator answers is half of what the row is about.
    inventory: z.object({ legacyCoercion: z.boolean() }).strict(),
    question: z.object({ stores: count, days: count, daily_units: count }).strict(),
    asStrings: z.array(figure),
    case_packs: count,
  })
  .strict()
  // The row's own sanity check (the seed's fix): a known result that is not the product is a typo, not a regression.
  .refine((r) => r.case_packs === r.question.stores * r.question.days * r.question.daily_units, {
    path: ['case_packs'],
    message: 'is not stores × days × daily_units of the question',
  }) satisfies z.ZodType<ComputationRow>;

/**
 * Seed 002 case 7's known results: inventory questions whose answers are known, asked of the
 * legacy calculator that coerces silently or the strict one that refuses, with some figures passed
 * as text. One row of computations.json is one case.
 */
export const inventorySuite = defineSuite({
  name: 'inventory computations with known results',
  fixture: fileURLToPath(new URL('./computations.json', import.meta.url)),
  row,
  idField: 'id',
  scenario: computationScenario,
  checker: knownCasePacks,
});
