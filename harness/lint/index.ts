import { promptLocator, toolLocator } from './locate.ts';
import { parsePrompt } from './prompt.ts';
import { rules } from './rules/index.ts';
import { RULE_IDS, type Finding, type LintContext, type LintInput } from './types.ts';

export type { Finding, LintInput, RuleId } from './types.ts';
export { rules } from './rules/index.ts';

/**
 * Static checks of an agent's deployment artifacts — its system prompt and its tools — before
 * anything runs (seed 002: prompts and tool definitions are gated like code). Pure: the caller
 * reads the files. Findings come in file order (prompt first), then line, then rule.
 *
 * @example
 * const findings = lintArtifacts({ prompt, promptFile: 'prompt.md', tools, toolsFile: 'tools.ts', toolsSource });
 * for (const f of findings) console.log(formatFinding(f));
 * // prompt.md:3: [unknown-tool] the prompt names fetch_vendor_pricing_v2, which is not a registered tool. Fix: …
 */
export function lintArtifacts(input: LintInput): Finding[] {
  const context: LintContext = {
    input,
    ...parsePrompt(input.prompt, input.tools),
    promptAt: promptLocator(input.prompt, input.promptFile, input.promptSource),
    toolAt: toolLocator(input.toolsFile, input.toolsSource),
  };
  const files = [input.promptFile, input.toolsFile];
  return Object.values(rules)
    .flatMap((rule) => rule.check(context))
    .sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule));
}

/** One finding as a compiler prints it: `prompt.md:12: [unknown-tool] message. Fix: what to do`. */
export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}: [${finding.rule}] ${finding.message}. Fix: ${finding.fix}`;
}
