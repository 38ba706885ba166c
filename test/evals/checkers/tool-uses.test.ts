import { describe, expect, it } from 'vitest';
import { toolExchanges } from '../../../evals/checkers/tool-uses.ts';
import { parseHistory } from '../../../harness/history.ts';
import { run } from '../../helpers.ts';

describe('toolExchanges', () => {
  it('pairs the same results whether the requests share their repeated messages or each has its own', async () => {
    // A read history's requests share the messages they repeat (so do the simulated API's); a copy shares none.
    const shared = parseHistory((await run('orphaned-tool-use', 'naive', 2)).history);
    const own = structuredClone(shared);
    const exchanges = toolExchanges(shared);
    expect(exchanges.length).toBeGreaterThan(1);
    expect(exchanges.some((x) => x.result)).toBe(true);
    expect(exchanges).toEqual(toolExchanges(own));
  });

  it('dates a result by the first request that sent it, though every later request repeats it', async () => {
    const events = parseHistory((await run('runaway-loop', 'naive', 1)).history);
    const requests = events.filter((e) => e.type === 'model-request');
    const first = (requests[1]!.body as { messages: Array<{ content: Array<{ tool_use_id?: string }> }> }).messages[2]!;
    // The third message is shared by every later request: a result first sent there is found at its own time.
    const found = toolExchanges(events).find((x) => x.use.id === first.content[0]!.tool_use_id)!;
    expect(found.resultAt).toBe(requests[1]!.t);
  });
});
