import { describe, expect, it } from 'vitest';
import { resultsCorrelated } from '../../../evals/checkers/results-correlated.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import type { ToolUseBlock } from '../../../harness/model/types.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import { catalogue, run } from '../../helpers.ts';
import { rewriteToolResults } from './helpers.ts';

const scenario = catalogue.get('reordered-parallel')!;
const judge = (events: HistoryEvent[]) => runChecker(resultsCorrelated, scenario, events);
let hardenedRun: Promise<RunRecord> | undefined;
/** The hardened run's history, parsed afresh each call (the run itself happens once per file). */
const hardenedHistory = async () => parseHistory((await (hardenedRun ??= run('reordered-parallel', 'hardened', 1))).history);

/** The tool_use id of the lookup of `customer`. */
function useIdOf(events: HistoryEvent[], customer: string): string {
  const uses = events.flatMap((e) => (e.type === 'model-response' && Array.isArray(e.content) ? (e.content as ToolUseBlock[]) : []));
  return uses.find((b) => b.type === 'tool_use' && (b.input as { customer_id?: string }).customer_id === customer)!.id;
}

/** Each of the tool_results of `a` and `b` carries the other's content, under its own tool_use_id. */
function swapResults(events: HistoryEvent[], a: string, b: string): HistoryEvent[] {
  const contents = new Map<string, unknown>();
  rewriteToolResults(events, (block) => (contents.set(block.tool_use_id, block.content), block));
  const other = new Map([
    [a, contents.get(b)],
    [b, contents.get(a)],
  ]);
  return rewriteToolResults(
    events,
    (block) => ({ ...block, content: other.get(block.tool_use_id) as never }),
    (block) => other.has(block.tool_use_id),
  );
}

describe('results-correlated', () => {
  it('passes the hardened history, where all six lookups arrive out of order', async () => {
    expect(judge(await hardenedHistory())).toMatchObject({ verdict: 'pass', message: "6 tool_result(s) each carried their own call's result" });
  });

  it("fails once two tool_results carry each other's result, naming both", async () => {
    const events = await hardenedHistory();
    const [c101, c102] = [useIdOf(events, 'C-101'), useIdOf(events, 'C-102')];
    const result = judge(swapResults(events, c101, c102));
    expect(result).toMatchObject({ verdict: 'fail', message: "2 tool_result(s) carried another call's result" });
    const mismatches = result.evidence as Array<{ tool_use_id: string; got: string; expected: string }>;
    expect(mismatches.map((m) => m.tool_use_id)).toEqual([c101, c102]);
    expect(mismatches[0]?.got).toContain('Bo Lindqvist');
    expect(mismatches[0]?.expected).toContain('Ada Park');
  });

  it("fails one tool_result that carries a copy of another call's result", async () => {
    const events = await hardenedHistory();
    const [c103, c106] = [useIdOf(events, 'C-103'), useIdOf(events, 'C-106')];
    let copied: unknown;
    rewriteToolResults(events, (block) => (block.tool_use_id === c106 && (copied = block.content), block));
    const result = judge(
      rewriteToolResults(
        events,
        (block) => ({ ...block, content: copied as never }),
        (block) => block.tool_use_id === c103,
      ),
    );
    expect(result).toMatchObject({ verdict: 'fail', message: "1 tool_result(s) carried another call's result" });
  });

  it('has nothing to judge in a history in which no reply was delivered', async () => {
    expect(judge((await hardenedHistory()).filter((e) => e.type !== 'tool-complete')).verdict).toBe('not-applicable');
  });

  it('fails the naive control, which pairs results with calls by arrival order (seed 1)', async () => {
    const result = judge(parseHistory((await run('reordered-parallel', 'naive', 1)).history));
    expect(result).toMatchObject({ verdict: 'fail', message: expect.stringMatching(/^[1-6] tool_result\(s\) carried another call's result$/) });
  });

  it("matches calls whatever the key order, and a GET tool's numbers as its query string carried them", async () => {
    const paging = catalogue.get('pagination-loop')!;
    const events = parseHistory((await run('pagination-loop', 'hardened', 1)).history);
    const pages = events.flatMap((e) => (e.type === 'model-response' && Array.isArray(e.content) ? (e.content as ToolUseBlock[]) : [])).filter((b) => b.type === 'tool_use');
    expect(pages.some((b) => typeof (b.input as { page?: unknown }).page === 'number')).toBe(true);
    const result = runChecker(resultsCorrelated, paging, events);
    // Before numbers were compared as the query string carries them, none matched and the verdict was unknown.
    // The last call, a third identical one, was refused by hardened's repeat guard: an is_error result, not compared.
    expect(result).toMatchObject({ verdict: 'pass', message: `${pages.length - 1} tool_result(s) each carried their own call's result` });
  });
});

// Metamorphic: a runtime that correlates by tool_use_id but renders results its own way passes.
describe('results-correlated judges the meaning, not the bytes', () => {
  const render = (edit: (text: string) => string) => async () => {
    const events = rewriteToolResults(await hardenedHistory(), (block) => ({ ...block, content: edit(String(block.content)) }));
    expect(judge(events)).toMatchObject({ verdict: 'pass', message: "6 tool_result(s) each carried their own call's result" });
  };
  it(
    'passes pretty-printed results',
    render((text) => JSON.stringify(JSON.parse(text), null, 2)),
  );
  it(
    'passes results wrapped in words',
    render((text) => `Result of the lookup: ${text} (end of result)`),
  );
  it(
    'passes results retold in prose that names their own values',
    render((text) => {
      const body = JSON.parse(text) as Record<string, unknown>;
      return `Customer ${String(body.customer_id ?? body.id ?? '')} is ${Object.values(body)
        .filter((v) => typeof v === 'string')
        .join(', ')}.`;
    }),
  );
  it("still fails prose that names another call's values", async () => {
    const events = await hardenedHistory();
    const [c101, c102] = [useIdOf(events, 'C-101'), useIdOf(events, 'C-102')];
    const prose = rewriteToolResults(events, (block) => ({ ...block, content: `Looked up: ${Object.values(JSON.parse(String(block.content)) as Record<string, unknown>).join(', ')}` }));
    expect(judge(swapResults(prose, c101, c102))).toMatchObject({ verdict: 'fail', message: "2 tool_result(s) carried another call's result" });
  });
});
