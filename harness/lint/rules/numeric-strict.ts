import type { Rule } from '../types.ts';
import { numericProperties } from './numeric.ts';

/**
 * A tool that takes numbers is strict: it sets `strict: true` (the API holds the model to the
 * schema) or closes its top-level `input_schema` with `additionalProperties: false` (the boundary
 * refuses a field it does not know, such as a misspelt `daily_unit: "10"` that a lenient backend
 * would otherwise read). Tools without numeric inputs are not judged by this rule.
 */
export const numericStrict: Rule = {
  id: 'numeric-strict',
  description: 'tools with numeric parameters set strict: true or additionalProperties: false',
  check({ input, toolAt }) {
    return input.tools.flatMap((tool) => {
      const numeric = numericProperties(tool.input_schema);
      if (!numeric.length || tool.strict === true || tool.input_schema.additionalProperties === false) return [];
      return [
        {
          ...toolAt(tool.name),
          rule: 'numeric-strict' as const,
          tool: tool.name,
          message: `${tool.name} takes numbers (${numeric.map((p) => p.path).join(', ')}) but sets neither strict: true nor additionalProperties: false, so arguments outside its schema reach the backend unchecked`,
          fix: `set strict: true on ${tool.name}, or additionalProperties: false on its input_schema`,
        },
      ];
    });
  },
};
