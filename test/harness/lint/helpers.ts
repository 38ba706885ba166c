import type { ToolSpec } from '../../../harness/agents/types.ts';
import { lintArtifacts, type Finding, type RuleId } from '../../../harness/lint/index.ts';

/** A read tool with a closed, empty input schema; `over` adds the field under test. */
export function tool(name: string, over: Partial<ToolSpec> = {}): ToolSpec {
  return {
    name,
    description: `The ${name} tool.`,
    input_schema: { type: 'object', properties: {}, additionalProperties: false },
    endpoint: { method: 'GET', url: `https://test.sim/${name}` },
    effect: 'read',
    ...over,
  };
}

/** A prompt that names its tools and says when to stop: only the rule under test can fire. */
export const namedPrompt = (tools: ToolSpec[], extra = '') => `Your tools: ${tools.map((t) => t.name).join(', ')}. No other tools exist.\n${extra}\nAnswer as soon as you have what was asked.`;

export function lint(prompt: string, tools: ToolSpec[], toolsSource?: string): Finding[] {
  return lintArtifacts({ prompt, promptFile: 'prompt.md', tools, toolsFile: 'tools.ts', toolsSource });
}

export const only = (findings: Finding[], rule: RuleId) => findings.filter((f) => f.rule === rule);
