import type { Rule } from '../types.ts';
import { numericProperties } from './numeric.ts';

/**
 * Every input property that holds a number (see ./numeric.ts) is typed `integer` or `number` —
 * not `string`, not a union with `string`, not untyped — so a boundary validator refuses "10"
 * instead of letting a lenient backend coerce it (seed 002 case 7: "10" became 1).
 */
export const numericType: Rule = {
  id: 'numeric-type',
  description: "numeric parameters are typed 'integer' or 'number'",
  check({ input, toolAt }) {
    return input.tools.flatMap((tool) =>
      numericProperties(tool.input_schema)
        .filter((p) => !p.typed)
        .map((p) => ({
          ...toolAt(tool.name),
          rule: 'numeric-type' as const,
          tool: tool.name,
          message: `${tool.name}: input ${p.path} holds a number (${p.why}) but ${p.types.length ? `is typed ${p.types.join(' | ')}` : 'declares no type'}, so "10" passes unchecked and a lenient backend may coerce it`,
          fix: `declare ${p.path} as type: 'integer' (or 'number')`,
        })),
    );
  },
};
