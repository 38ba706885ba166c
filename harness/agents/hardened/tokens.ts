import type { MessageCreateParamsNonStreaming, Usage } from '@anthropic-ai/sdk/resources/messages';

/**
 * The run's token budget (seed 001 pattern 5, seed 003 mode 3): what every model turn reported in
 * `usage` (input plus output) is summed, and a turn is only sent if its worst case still fits —
 * the request's input, estimated at about four characters a token, plus all of `max_tokens`.
 * Stopping before the turn that would overrun is what keeps the total within the budget, rather
 * than noticing afterwards that it was spent.
 */
export class TokenBudget {
  #spent = 0;

  constructor(readonly limit: number) {}

  get spent(): number {
    return this.#spent;
  }

  /** Whether `request` can be sent without the run possibly exceeding its budget. */
  allows(request: Pick<MessageCreateParamsNonStreaming, 'system' | 'tools' | 'messages' | 'max_tokens'>): boolean {
    const inputTokens = Math.ceil(JSON.stringify([request.system ?? '', request.tools ?? [], request.messages]).length / 4);
    return this.#spent + inputTokens + request.max_tokens <= this.limit;
  }

  spend(usage: Pick<Usage, 'input_tokens' | 'output_tokens'>): void {
    this.#spent += usage.input_tokens + usage.output_tokens;
  }
}
