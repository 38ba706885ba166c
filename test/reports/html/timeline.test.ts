import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../harness/history.ts';
import { parseHistory } from '../../../harness/history.ts';
import { TIMELINE_ROWS_MAX, taskOf, timelineOf, timelineSvg } from '../../../reports/html/timeline.ts';
import { catalogue, run } from '../../helpers.ts';

describe('timelineOf', () => {
  it('has lanes for the user, the model, the runtime and each tool service, and a row per event', async () => {
    const events = parseHistory((await run('dropped-ack', 'naive', 1)).history);
    const { lanes, steps } = timelineOf(events);
    expect(lanes.map((l) => l.id)).toEqual(['user', 'model', 'runtime', 'svc:orders']);
    expect(lanes[2]?.label).toBe('runtime (naive)');
    expect(steps).toHaveLength(events.length);
    expect(steps[0]).toMatchObject({ kind: 'arrow', from: 'user', to: 'runtime', label: 'task' });
    expect(steps.at(-1)).toMatchObject({ kind: 'arrow', from: 'runtime', to: 'user', label: 'reply' });
  });

  it('draws each fault on the lane of what it struck, where it struck, and a lost reply as dashed', async () => {
    const events = parseHistory((await run('dropped-ack', 'naive', 1)).history);
    const { steps } = timelineOf(events);
    const fault = steps.findIndex((s) => s.kind === 'mark' && s.tone === 'fault');
    expect(steps[fault]).toMatchObject({ lane: 'svc:orders', label: 'fault drop-reply: committed; reply dropped', t: events.find((e) => e.type === 'fault')?.t });
    expect(steps[fault - 1]).toMatchObject({ kind: 'mark', tone: 'commit', label: 'commit order (req_1)' });
    expect(steps[fault + 1]).toMatchObject({ kind: 'arrow', from: 'svc:orders', to: 'runtime', dashed: true, tone: 'info' });
    const apiFault = timelineOf(parseHistory((await run('model-api-faults', 'naive', 1)).history)).steps.find((s) => s.kind === 'mark' && s.tone === 'fault');
    expect(apiFault).toMatchObject({ lane: 'model' });
  });

  it('marks a run stopped by its budget or a cassette miss on the runtime lane, with the reason', () => {
    const events: HistoryEvent[] = [
      { t: 0, type: 'run-start', scenario: 's', agent: 'hardened', seed: 1, trial: 1 },
      { t: 5, type: 'run-stopped', reason: 'cassette-miss', message: 'cassette miss, request 2: model differs' },
    ];
    expect(timelineOf(events).steps.at(-1)).toMatchObject({ kind: 'mark', lane: 'runtime', tone: 'fail', label: 'run stopped: cassette-miss', detail: expect.stringContaining('request 2: model differs') });
  });

  it('takes the task from the first user message', async () => {
    const events = parseHistory((await run('dropped-ack', 'hardened', 1)).history);
    expect(taskOf(events)).toBe(catalogue.get('dropped-ack')?.task);
  });

  it(`keeps the first and last rows of a long run, at most ${TIMELINE_ROWS_MAX}`, () => {
    const events: HistoryEvent[] = [{ t: 0, type: 'run-start', scenario: 's', agent: 'a', seed: 1, trial: 1 }];
    for (let i = 1; i <= 400; i++)
      events.push({ t: i * 10, type: 'tool-request', id: `req_${i}`, service: 'research', route: 'search', method: 'GET', url: 'https://research.sim/search', principal: 'user:requester', idempotencyKey: null, body: {} });
    const { steps } = timelineOf(events);
    expect(steps).toHaveLength(TIMELINE_ROWS_MAX);
    expect(steps.find((s) => s.kind === 'elided')).toMatchObject({ count: 401 - TIMELINE_ROWS_MAX + 1 });
    expect(steps.at(-1)).toMatchObject({ label: 'search req_400' });
  });
});

describe('timelineSvg', () => {
  it('is well-formed SVG with the lanes, virtual times, and details escaped', async () => {
    const events = parseHistory((await run('dropped-ack', 'naive', 1)).history);
    const svg = timelineSvg(timelineOf(events));
    expect(svg).toMatch(/^<svg class="timeline" xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
    expect(svg.endsWith('</svg>')).toBe(true);
    for (const lane of ['user', 'model (Messages API)', 'runtime (naive)', 'orders service']) expect(svg).toContain(`>${lane}</text>`);
    expect(svg).toContain('data-type="fault"');
    expect(svg).toContain('29.526 s');
    expect(svg).toContain('stroke-dasharray="5 4"');
    expect(svg).not.toMatch(/<title>[^<]*"/);
    const weird = timelineSvg(timelineOf([{ t: 0, type: 'agent-reply', text: '</svg><script>alert(1)</script>', stopReason: null }]));
    expect(weird).not.toContain('<script>');
    expect(weird).toContain('&lt;/svg&gt;&lt;script&gt;');
  });
});
