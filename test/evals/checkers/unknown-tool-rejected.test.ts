import { describe, expect, it } from 'vitest';
import { runChecker } from '../../../evals/checkers/types.ts';
import { unknownToolRejected } from '../../../evals/checkers/unknown-tool-rejected.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import type { ToolResultBlock } from '../../../harness/model/types.ts';
import { catalogue, run } from '../../helpers.ts';
import { isError, rewriteToolResults } from './helpers.ts';

const scenario = catalogue.get('hallucinated-tool')!;
const verdict = (events: HistoryEvent[], s = scenario) => runChecker(unknownToolRejected, s, events).verdict;
const hardenedHistory = async () => parseHistory((await run('hallucinated-tool', 'hardened', 1)).history);

/** Rewrites every error tool_result the model was sent. */
function rewriteRejections(events: HistoryEvent[], change: (b: ToolResultBlock) => ToolResultBlock): HistoryEvent[] {
  return rewriteToolResults(events, change, isError);
}

describe('unknown-tool-rejected', () => {
  it('passes the hardened history: FATAL … Do not retry', async () => {
    expect(verdict(await hardenedHistory())).toBe('pass');
  });

  it('fails once the rejection is the vague "tool not registered"', async () => {
    const events = rewriteRejections(await hardenedHistory(), (b) => ({ ...b, content: 'Error: tool not registered: fetch_vendor_pricing_v2' }));
    expect(verdict(events)).toBe('fail');
  });

  it('fails once the rejection is not flagged is_error', async () => {
    const events = rewriteRejections(await hardenedHistory(), ({ is_error: _, ...b }) => b);
    expect(verdict(events)).toBe('fail');
  });

  it('has nothing to judge in a run in which no unregistered tool was called', async () => {
    const registered = { ...scenario, tools: [...scenario.tools, { ...scenario.tools[0]!, name: 'fetch_vendor_pricing_v2' }] };
    expect(verdict(await hardenedHistory(), registered)).toBe('not-applicable');
  });
});

// Metamorphic: any wording that tells the model not to call it again passes; a vague one still fails.
describe('unknown-tool-rejected judges the meaning, not the wording', () => {
  it.each(["Unknown tool fetch_vendor_pricing_v2. Don't call it again.", 'DO NOT RETRY.', 'No such tool. Never call fetch_vendor_pricing_v2; it will not succeed.', '{"error":"unknown_tool","retryable":false}'])(
    'passes the rejection %j',
    async (text) => {
      expect(verdict(rewriteRejections(await hardenedHistory(), (b) => ({ ...b, content: text })))).toBe('pass');
    },
  );

  it.each(['Tool fetch_vendor_pricing_v2 is not registered.', 'Error: unavailable'])('fails the rejection %j, which reads as transient', async (text) => {
    expect(verdict(rewriteRejections(await hardenedHistory(), (b) => ({ ...b, content: text })))).toBe('fail');
  });
});
