import type { ContentBlock } from '@anthropic-ai/sdk/resources/messages';

/**
 * Keeps every tool_use id of the conversation distinct. Ids are unique per response in practice,
 * but a gateway may number calls per response, or a cache replay them: a call whose id an earlier
 * call of the run already had is still a new call (the model made it in this turn) and gets a
 * fresh id, in the assistant turn sent back and in its tool_result alike, so the API accepts the
 * conversation and no result can be taken for another call's. Content with no repeated id is
 * returned as it is.
 */
export class CallIds {
  readonly #seen = new Set<string>();

  distinct(content: ContentBlock[]): ContentBlock[] {
    let renamed = false;
    const out = content.map((block) => {
      if (block.type !== 'tool_use') return block;
      let id = block.id;
      for (let k = 2; this.#seen.has(id); k++) id = `${block.id}_${k}`;
      this.#seen.add(id);
      if (id === block.id) return block;
      renamed = true;
      return { ...block, id };
    });
    return renamed ? out : content;
  }
}
