import type { Rule } from '../types.ts';
import { schemaOf } from './example-invalid.ts';
import { compile } from './schema.ts';

/**
 * A worked example can only be kept honest against a declared contract: an example of a tool that
 * declares no `responseSchema` (or one zod cannot read) is unchecked, and will drift unseen.
 */
export const exampleUnchecked: Rule = {
  id: 'example-unchecked',
  description: 'every worked example has a declared schema to be checked against',
  check(context) {
    return context.examples.flatMap((example) => {
      const tool = context.input.tools.find((t) => t.name === example.tool)!;
      const schema = schemaOf(tool, example);
      const compiled = schema && compile(schema);
      const at = context.promptAt(example.line, example.inline ? example.text.slice(0, 32) : undefined);
      const base = { ...at, rule: 'example-unchecked' as const, tool: tool.name };
      if (!schema)
        return [
          {
            ...base,
            message: `the prompt shows a worked example of ${tool.name}'s response, but ${tool.name} declares no responseSchema, so nothing can tell when the example drifts from what it returns`,
            fix: `declare responseSchema on ${tool.name} (the JSON Schema of a successful reply)`,
          },
        ];
      if (compiled instanceof Error)
        return [
          {
            ...base,
            message: `the worked example of ${tool.name} cannot be checked: its ${example.kind === 'input' ? 'input_schema' : 'responseSchema'} is not JSON Schema zod can read (${compiled.message})`,
            fix: 'make the schema valid JSON Schema',
          },
        ];
      return [];
    });
  },
};
