import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { deepFreeze } from '../../harness/json-of.ts';
import { History, HISTORY_FORMAT, HistoryFormatError, parseHistory, type HistoryEvent } from '../../harness/history.ts';
import { runOne } from '../../harness/runner/run-one.ts';
import { loadAgent } from '../../harness/agents/load.ts';
import { longScenario } from '../../harness/bench/long.ts';
import { catalogue, run } from '../helpers.ts';

type Untimed = Parameters<History['add']>[0];
const historyOf = (events: Untimed[]): History => {
  const history = new History(() => 0);
  for (const event of events) history.add(event);
  return history;
};

describe('history format', () => {
  it('starts with its format line and reads back every event the run judged in memory', async () => {
    // The events as the run held them when it wrote its history: what the checks judged.
    let held: HistoryEvent[] = [];
    const written: string[] = [];
    const serialize = History.prototype.serialize;
    const spy = vi.spyOn(History.prototype, 'serialize').mockImplementation(function (this: History) {
      held = JSON.parse(JSON.stringify(this.events)) as HistoryEvent[];
      return serialize.call(this);
    });
    try {
      for (const [id, agent] of [
        ['reordered-parallel', 'hardened'],
        ['runaway-loop', 'naive'],
        ['schema-drift', 'sdk-tool-runner'],
        ['dropped-ack', 'ai-sdk'],
        ['string-coercion', 'langchain'],
        ['max-tokens', 'naive'],
      ] as const) {
        const record = await run(id, agent, 3, 1, true);
        expect(record.history.split('\n', 1)[0]).toBe(JSON.stringify({ format: HISTORY_FORMAT }));
        expect(parseHistory(record.history)).toEqual(held);
        written.push(record.history);
      }
      // The runs exercised both kinds of reference, so the equality above covers reading them back.
      expect(written.join('')).toContain('"same":{');
      expect(written.join('')).toContain('"replies":[');
    } finally {
      spy.mockRestore();
    }
  });

  it('writes each message of a conversation once: bytes grow linearly with its turns', async () => {
    const bytes = async (turns: number) => (await runOne({ scenario: longScenario(turns), agent: await loadAgent('hardened'), agentRef: 'hardened', seed: 1, trial: 1 })).history.length;
    const [b20, b40, b80] = [await bytes(20), await bytes(40), await bytes(80)];
    // Quadratic growth would make the second step 3× the first (80² − 40² vs 40² − 20²); linear keeps it 2×.
    expect((b80 - b40) / (b40 - b20)).toBeLessThan(2.3);
  });

  it('round-trips any sequence of requests and replies that share, change or drop fields, messages and results', () => {
    const reply = fc.oneof(fc.record({ id: fc.integer({ min: 1, max: 5 }) }), fc.string(), fc.constant(null));
    const result = (replies: unknown[]) =>
      fc.oneof(
        fc.string(),
        // A tool_result that forwards a reply word for word, as a string or as a text part.
        fc.constantFrom(...replies.map((r) => JSON.stringify(r)), 'x'),
        fc.constantFrom(...replies.map((r) => [{ type: 'text', text: JSON.stringify(r) }]), []),
      );
    const answer = fc.array(fc.record({ type: fc.constant('text'), text: fc.constantFrom('a', 'b') }), { maxLength: 2 });
    const junk = fc.oneof(fc.constant(null), fc.integer(), fc.array(fc.integer(), { maxLength: 1 }), fc.string());
    const scenario = fc.tuple(fc.array(reply, { minLength: 1, maxLength: 4 }), fc.array(answer, { minLength: 1, maxLength: 4 })).chain(([replies, answers]) => {
      const message = fc.oneof(
        // An assistant message that echoes a model response as it came.
        fc.record({ role: fc.constant('assistant'), content: fc.constantFrom(...answers) }),
        fc.record({ role: fc.constantFrom('user', 'assistant'), content: fc.oneof(fc.string(), fc.array(fc.record({ type: fc.constant('text'), text: fc.string() }), { maxLength: 2 })) }),
        fc.record({ role: fc.constant('user'), content: fc.array(fc.oneof(fc.record({ type: fc.constant('tool_result'), tool_use_id: fc.constant('toolu_1'), content: result(replies) }), junk), { minLength: 1, maxLength: 2 }) }),
        // A broken agent may send anything where a message belongs; it is recorded, not crashed on.
        junk,
      );
      const body = fc.oneof(
        {
          weight: 8,
          arbitrary: fc.record(
            { model: fc.constantFrom('a', 'b'), system: fc.option(fc.constantFrom('s1', 's2'), { nil: undefined }), tools: fc.constantFrom([], [{ name: 'x' }]), messages: fc.array(message, { maxLength: 4 }) },
            { requiredKeys: ['model'] },
          ),
        },
        { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constant(null), fc.array(fc.integer())) },
      );
      return fc.tuple(fc.constant(replies), fc.constant(answers), fc.array(body, { maxLength: 8 }), fc.array(message, { maxLength: 3 }), fc.boolean());
    });
    fc.assert(
      fc.property(scenario, ([replies, answers, bodies, prefix, frozen]) => {
        // Ids repeat (req_0 may answer twice): only the first body of an id is the one a result can name.
        const events: Untimed[] = replies.map((body, i) => ({ type: 'tool-complete', id: `req_${i >> 1}`, outcome: 'ok', status: 200, body }));
        // Responses numbered with repeats: only the first of a number is the one a message can name.
        answers.forEach((content, i) => events.push({ type: 'model-response', n: 1 + (i >> 1), status: 200, content }));
        // Each conversation-like body extends a shared prefix, as a growing conversation does.
        bodies.forEach((b, i) => events.push({ type: 'model-request', n: i + 1, stream: false, body: typeof b === 'object' && b && 'messages' in b ? { ...b, messages: [...prefix, ...(b.messages ?? [])] } : b }));
        // Frozen, as the simulated API leaves the bodies it parsed: each shared message's JSON is then written once (jsonOf).
        const history = historyOf(frozen ? deepFreeze(events) : events);
        const before = JSON.stringify(history.events);
        const parsed = parseHistory(history.serialize());
        expect(parsed.map(({ t, ...e }) => e)).toEqual(JSON.parse(JSON.stringify(events)));
        // Writing it changed nothing the run still holds in memory.
        expect(JSON.stringify(history.events)).toBe(before);
      }),
    );
  });

  it('refuses a history written in the format before, saying what to do', async () => {
    const record = await run('dropped-ack', 'hardened');
    const old = record.history.split('\n').slice(1).join('\n');
    expect(() => parseHistory(old)).toThrow(HistoryFormatError);
    expect(() => parseHistory(old)).toThrow(/written before faultline\.history\/2 \(no format line\).*run the scenario again/);
    expect(() => parseHistory(`{"format":"faultline.history/9"}\n`)).toThrow(/in format faultline\.history\/9/);
  });

  it('is the same bytes for the same seed, run after run', async () => {
    const scenario = catalogue.get('reordered-parallel')!;
    const once = await runOne({ scenario, agent: await loadAgent('hardened'), agentRef: 'hardened', seed: 4, trial: 1 });
    const again = await runOne({ scenario, agent: await loadAgent('hardened'), agentRef: 'hardened', seed: 4, trial: 1 });
    expect(again.history).toBe(once.history);
  });
});
