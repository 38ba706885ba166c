import { lineAt, mentions } from '../prompt.ts';
import type { Rule } from '../types.ts';

/**
 * The prompt names every registered tool by its exact name (seed 002 case 3's fix: list them all,
 * and say no others exist). A prompt that speaks of "the catalog tools" leaves the model to guess.
 * Reported at the category phrase when there is one, else at the first line that names a
 * registered tool (where the list is), else at line 1.
 */
const CATEGORY = /\b(?:the|your|our|all(?: the)?)\s+(?!following\b|listed\b|other\b|registered\b|below\b|above\b)[a-z]+\s+tools\b/i;

export const unlistedTool: Rule = {
  id: 'unlisted-tool',
  description: 'the prompt names every registered tool',
  check({ input, promptAt }) {
    const names = input.tools.map((t) => t.name);
    const category = CATEGORY.exec(input.prompt);
    const listed = input.prompt.split('\n').findIndex((line) => names.some((name) => mentions(line, name)));
    const at = category ? promptAt(lineAt(input.prompt, category.index), category[0]) : promptAt(listed + 1 || 1);
    return input.tools
      .filter((tool) => !mentions(input.prompt, tool.name))
      .map((tool) => ({
        ...at,
        rule: 'unlisted-tool',
        tool: tool.name,
        message: `the prompt never names ${tool.name}, a registered tool${category ? ` (it speaks of "${category[0]}" instead)` : ''}`,
        fix: `name every tool in the prompt, e.g. "Your tools: ${names.join(', ')}. No other tools exist."`,
      }));
  },
};
