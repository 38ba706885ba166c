import type { Rule } from '../types.ts';

/**
 * A destructive tool declares its `target`: the input field that names what it destroys, so a
 * runtime can refuse a target the user never named (seed 002's worked example: a volume guessed to
 * be staging-only). On any tool, a `target` must be one of its input properties.
 */
export const noTarget: Rule = {
  id: 'no-target',
  description: 'destructive tools declare a target, and every target is an input property',
  check({ input, toolAt }) {
    return input.tools.flatMap((tool) => {
      const properties = Object.keys((tool.input_schema.properties as Record<string, unknown> | undefined) ?? {});
      const base = { ...toolAt(tool.name), rule: 'no-target' as const, tool: tool.name };
      const choices = properties.length ? ` (one of: ${properties.join(', ')})` : '';
      if (tool.effect === 'destructive' && tool.target === undefined)
        return [{ ...base, message: `${tool.name} is destructive but declares no target, so nothing says which input names what it destroys`, fix: `declare target: the input field that names what ${tool.name} acts on${choices}` }];
      if (tool.target !== undefined && !properties.includes(tool.target))
        return [{ ...base, message: `${tool.name} declares target '${tool.target}', which is not a property of its input_schema`, fix: `name the input field that says what ${tool.name} acts on${choices}` }];
      return [];
    });
  },
};
