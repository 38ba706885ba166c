import type { GatewayResult } from './gateway.ts';

const CLAIM = /\b(placed|confirmed|completed|succeeded|successful(ly)?|done|sent|charged|created|booked|deleted|provisioned|updated)\b/i;
const DISCLAIMER = /\b(not|could not|couldn't|unable|failed|unconfirmed|unknown|did not|didn't)\b/i;

export type CallOutcome = { tool: string; result: GatewayResult };

/**
 * The structured assertion step of seed 000: the runtime, not the model, decides whether an effect
 * happened. A reply that claims success while no effectful call succeeded is replaced by what
 * the tools actually said.
 */
export function honestReply(text: string, outcomes: CallOutcome[]): string {
  const effects = outcomes.filter((o) => o.result.effectful);
  if (!effects.length || effects.some((o) => o.result.ok)) return text;
  if (!CLAIM.test(text) || DISCLAIMER.test(text)) return text;
  const failed = effects.at(-1) as CallOutcome;
  return `The action was not confirmed: ${failed.tool} did not succeed (${failed.result.content.slice(0, 200)}). Nothing should be assumed done.`;
}
