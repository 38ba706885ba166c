import type { ToolSpec } from '../../agents/types.ts';
import type { PromptExample } from '../prompt.ts';
import type { LintContext, Rule } from '../types.ts';
import { compile, mismatch } from './schema.ts';

/**
 * The prompt's worked examples still match their tools (seed 002 case 5: a response shape changed
 * and the prompt's example kept teaching the old one). Each example must parse as JSON and validate
 * against the tool's declared `responseSchema` (or, for an example tagged `input`, its
 * `input_schema`), read with `z.fromJSONSchema` as the hardened gateway reads it.
 */
export const exampleInvalid: Rule = {
  id: 'example-invalid',
  description: "the prompt's worked examples parse as JSON and match the tool's declared schema",
  check(context) {
    return context.examples.flatMap((example) => {
      const tool = context.input.tools.find((t) => t.name === example.tool)!;
      const schema = schemaOf(tool, example);
      const validator = schema && compile(schema);
      if (!validator || validator instanceof Error) return []; // example-unchecked reports these
      let value: unknown;
      try {
        value = JSON.parse(example.text);
      } catch (error) {
        return [finding(context, example, `is not JSON (${(error as Error).message.split('\n')[0]})`, 'write the example as the JSON the tool exchanges')];
      }
      const problems = mismatch(validator, value);
      if (!problems) return [];
      const name = example.kind === 'input' ? 'input_schema' : 'responseSchema';
      return [finding(context, example, `does not match its declared ${name}: ${problems}`, `update the example to the shape ${tool.name} ${example.kind === 'input' ? 'takes' : 'returns'} now (or, if the example is right, the ${name})`)];
    });
  },
};

/** The schema an example is checked against: the response schema, or the input schema for `input` examples. */
export function schemaOf(tool: ToolSpec, example: PromptExample): Record<string, unknown> | undefined {
  return example.kind === 'input' ? tool.input_schema : tool.responseSchema;
}

function finding(context: LintContext, example: PromptExample, what: string, fix: string) {
  return {
    ...context.promptAt(example.line, example.inline ? example.text.slice(0, 32) : undefined),
    rule: 'example-invalid' as const,
    tool: example.tool,
    message: `the worked example of ${example.tool}'s ${example.kind} ${what}`,
    fix,
  };
}
