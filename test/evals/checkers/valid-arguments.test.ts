import { describe, expect, it } from 'vitest';
import { validArguments } from '../../../evals/checkers/valid-arguments.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { eventsOf, parseHistory, type HistoryEvent } from '../../../harness/history.ts';
import type { ToolUseBlock } from '../../../harness/model/types.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import { catalogue, run } from '../../helpers.ts';

const scenario = catalogue.get('string-coercion')!;
const judge = (events: HistoryEvent[]) => runChecker(validArguments, scenario, events);
let hardenedRun: Promise<RunRecord> | undefined;
/** The hardened run's history, parsed afresh each call (the run itself happens once per file). */
const hardenedHistory = async () => parseHistory((await (hardenedRun ??= run('string-coercion', 'hardened', 1))).history);

type Body = Record<string, unknown>;
/** Every compute_inventory request the backend received carries `edit(body)` instead of its body. */
const withBody = (events: HistoryEvent[], edit: (body: Body) => Body) => events.map((e) => (e.type === 'tool-request' ? { ...e, body: edit(e.body as Body) } : e));

describe('valid-arguments', () => {
  it('passes the hardened history, which refused the model\'s "10" before it reached the backend', async () => {
    const events = await hardenedHistory();
    const firstUse = (eventsOf(events, 'model-response')[0]!.content as ToolUseBlock[])[0];
    expect(firstUse?.input).toMatchObject({ daily_units: '10' });
    expect(eventsOf(events, 'tool-request').map((r) => r.body)).toEqual([{ stores: 10, days: 23, daily_units: 10 }]);
    expect(judge(events)).toMatchObject({ verdict: 'pass', message: 'every argument that reached a backend matched its schema' });
  });

  it('fails once the integer daily_units reaches the backend as the string "10"', async () => {
    const result = judge(withBody(await hardenedHistory(), (b) => ({ ...b, daily_units: '10' })));
    expect(result).toMatchObject({
      verdict: 'fail',
      message: 'compute_inventory received {"stores":10,"days":23,"daily_units":"10"}: daily_units: Invalid input: expected number, received string',
    });
  });

  it.each([
    ['a fraction for an integer', (b: Body) => ({ ...b, days: 22.5 }), /days: .*expected int/],
    ['a missing required argument', ({ stores, days }: Body) => ({ stores, days }), /daily_units: .*expected number, received undefined/],
    ['an undeclared argument (additionalProperties: false)', (b: Body) => ({ ...b, units: 10 }), /Unrecognized key: "units"/],
    ['null for an integer', (b: Body) => ({ ...b, stores: null }), /stores: .*received null/],
  ])('fails %s', async (_, edit, message) => {
    expect(judge(withBody(await hardenedHistory(), edit))).toMatchObject({ verdict: 'fail', message: expect.stringMatching(message) });
  });

  it('does not judge the query string of a GET tool, which is text by nature', async () => {
    const events = withBody(await hardenedHistory(), (b) => ({ ...b, daily_units: '10' })).map((e) => (e.type === 'tool-request' ? { ...e, method: 'GET' } : e));
    expect(judge(events).verdict).toBe('not-applicable');
  });

  it('fails the naive control, which sends the coerced "10" on to the legacy backend (seed 1)', async () => {
    const result = judge(parseHistory((await run('string-coercion', 'naive', 1)).history));
    expect(result).toMatchObject({ verdict: 'fail', message: expect.stringContaining('daily_units: Invalid input: expected number, received string') });
  });
});
