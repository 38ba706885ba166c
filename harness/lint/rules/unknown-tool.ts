import { nearest } from '../near.ts';
import type { Rule } from '../types.ts';

/**
 * Every tool the prompt names is registered (seed 002 case 3). A name counts when it is tool-shaped
 * (snake_case or lowerCamelCase) and the prompt uses it as a tool: it is called (`name(`), it tags a
 * fenced example, or it starts with an action verb (`fetch_…`, `lookup…`) and is backticked or
 * spoken of as a tool ("use X", "call the X tool", "X returns"). Declared schema fields never count.
 */
export const unknownTool: Rule = {
  id: 'unknown-tool',
  description: 'every tool the prompt names is registered',
  check({ input, references, promptAt }) {
    const names = input.tools.map((t) => t.name);
    return references.map((ref) => {
      const near = nearest(ref.name, names);
      return {
        ...promptAt(ref.line, ref.name),
        rule: 'unknown-tool',
        tool: ref.name,
        message: `the prompt names ${ref.name}, which is not a registered tool${near ? ` (did you mean ${near}?)` : ''}`,
        fix: near ? `write ${near}, or register ${ref.name}` : `register it or remove it from the prompt (registered: ${names.join(', ') || 'none'})`,
      };
    });
  },
};
