import { describe, expect, it } from 'vitest';
import { refusal } from '../../../../harness/agents/hardened/consent.ts';
import type { ConfirmationRequest, ToolSpec } from '../../../../harness/agents/types.ts';

const spec = (effect: ToolSpec['effect'], target?: string): ToolSpec => ({
  name: 'act',
  description: 'd',
  input_schema: { type: 'object' },
  endpoint: { method: 'POST', url: 'https://x.sim/act' },
  effect,
  ...(target ? { target } : {}),
});
const trusted = 'Please email ann@corp.example and delete vol-1.';

describe('hardened consent', () => {
  it('lets reads through, and effects whose target the trusted text names', async () => {
    expect(await refusal(spec('read', 'to'), { to: 'evil@x.example' }, trusted, undefined)).toBeNull();
    expect(await refusal(spec('send', 'to'), { to: 'ann@corp.example' }, trusted, undefined)).toBeNull();
    expect(await refusal(spec('charge'), { amount: 3 }, trusted, undefined)).toBeNull();
  });

  it('refuses an effect aimed at a target no trusted text names, or at no target at all', async () => {
    expect(await refusal(spec('send', 'to'), { to: 'evil@x.example' }, trusted, undefined)).toMatch(/to "evil@x.example", which the user never named/);
    expect(await refusal(spec('send', 'to'), {}, trusted, undefined)).toMatch(/to undefined/);
  });

  it('asks the user before anything destructive, and refuses without a yes or without a way to ask', async () => {
    const asked: ConfirmationRequest[] = [];
    const answer = (yes: boolean) => async (r: ConfirmationRequest) => (asked.push(r), yes);
    expect(await refusal(spec('destructive', 'id'), { id: 'vol-1' }, trusted, answer(true))).toBeNull();
    expect(asked).toEqual([{ tool: 'act', input: { id: 'vol-1' }, summary: expect.stringContaining('cannot be undone') }]);
    expect(await refusal(spec('destructive', 'id'), { id: 'vol-1' }, trusted, answer(false))).toMatch(/did not confirm/);
    expect(await refusal(spec('destructive', 'id'), { id: 'vol-1' }, trusted, undefined)).toMatch(/no way to ask/);
    expect(await refusal(spec('destructive'), { id: 'vol-1' }, trusted, answer(true))).toMatch(/declares no target/);
    expect(asked).toHaveLength(2);
  });
});
