import type { ToolSpec } from '../agents/types.ts';
import type { PromptExample, ToolReference } from './prompt.ts';

/** Every rule, in the order findings on the same line are listed. */
export const RULE_IDS = ['unknown-tool', 'unlisted-tool', 'no-stop-criterion', 'example-invalid', 'example-unchecked', 'numeric-type', 'numeric-strict', 'not-idempotent', 'no-target'] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One problem in a deployment artifact, located like a compiler error: `file:line: [rule] message. Fix: fix`. */
export type Finding = { file: string; line: number; rule: RuleId; message: string; fix: string; tool?: string };

/**
 * The deployment artifacts of one agent: its system prompt and its tools. `toolsSource` is the text
 * of the tools file (a tool's line is found there); `promptSource` is given when the prompt is a
 * string inside a source file (a scenario), so that prompt lines are reported as lines of that file.
 */
export type LintInput = {
  prompt: string;
  promptFile: string;
  tools: ToolSpec[];
  toolsFile: string;
  toolsSource?: string;
  promptSource?: string;
};

/** What every rule reads: the input, parsed once. */
export type LintContext = {
  input: LintInput;
  /** Tool-like identifiers the prompt names that are not registered tools, first mention each. */
  references: ToolReference[];
  /** Worked examples: fenced blocks tagged with a tool name, and inline `tool returns {…}`. */
  examples: PromptExample[];
  /** Where prompt line `line` is reported (`anchor`: text on that line to pin it in a source file). */
  promptAt(line: number, anchor?: string): { file: string; line: number };
  /** Where a tool's definition is reported. */
  toolAt(name: string): { file: string; line: number };
};

/** A lint rule: a pure function of the parsed artifacts. */
export type Rule = { id: RuleId; description: string; check(context: LintContext): Finding[] };
