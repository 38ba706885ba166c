import type { ContentBlock } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { CallIds } from '../../../../harness/agents/hardened/call-ids.ts';

const use = (id: string, sku: string) => ({ type: 'tool_use', id, name: 'place_order', input: { sku } }) as ContentBlock;
const ids = (content: ContentBlock[]) => content.map((b) => (b as { id?: string }).id);

describe('CallIds', () => {
  it('gives a call whose id the conversation already holds a fresh one, keeping its name and input; a reply with none repeated comes back as it was', () => {
    const calls = new CallIds();
    const first = [use('toolu_a', 'A1')];
    expect(calls.distinct(first)).toBe(first);
    const second = calls.distinct([{ type: 'text', text: 'Now the order.', citations: null }, use('toolu_a', 'B7'), use('toolu_b', 'C3')]);
    expect(ids(second)).toEqual([undefined, 'toolu_a_2', 'toolu_b']);
    expect(second[1]).toMatchObject({ name: 'place_order', input: { sku: 'B7' } });
    expect(ids(calls.distinct([use('toolu_a', 'D4'), use('toolu_a', 'E5')]))).toEqual(['toolu_a_3', 'toolu_a_4']);
  });
});
