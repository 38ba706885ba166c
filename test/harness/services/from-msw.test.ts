import { getResponse, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ToolSpec } from '../../../harness/agents/types.ts';
import { commit, fromMswHandlers } from '../../../harness/services/from-msw.ts';
import type { ScenarioInput } from '../../../scenarios/schema.ts';
import { baseScenario, run, scenarioWith, sender, type Send } from '../../fixtures/services/inline.ts';

// fromMswHandlers: a team's existing MSW handlers adopted as a faultline service. Their requests
// are logged and faulted like any service's, and their effects reach the ledger: the ones the
// handler commits, or else one per successful write.

const MAIL = 'https://mail.test.example';

const sendEmail: ToolSpec = {
  name: 'send_email',
  description: 'Send an email.',
  input_schema: { type: 'object', properties: { to: { type: 'string' }, subject: { type: 'string' } }, required: ['to'], additionalProperties: false },
  endpoint: { method: 'POST', url: `${MAIL}/messages` },
  effect: 'send',
};

const post = (body: Record<string, unknown>): Send => ({ method: 'POST', url: `${MAIL}/messages`, body });
const scenario = (definition: ReturnType<typeof fromMswHandlers>, over: Partial<ScenarioInput> = {}) => scenarioWith({ ...baseScenario(sendEmail, { mail: {} }, { to: 'ada@example.com' }), ...over }, definition);

describe('the service made from handlers', () => {
  it('takes its host from the one origin the handlers name, and a route per handler', () => {
    const mail = fromMswHandlers({
      id: 'mail',
      handlers: [http.post(`${MAIL}/messages`, () => HttpResponse.json({})), http.get(`${MAIL}/messages/:message_id`, () => HttpResponse.json({}))],
    });
    expect(mail.host).toBe(MAIL);
    expect(mail.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /messages', 'GET /messages/:message_id']);
  });

  it('refuses handlers on two origins without `host`, naming both', () => {
    const handlers = [http.post('https://a.test.example/messages', () => HttpResponse.json({})), http.post('https://b.test.example/messages', () => HttpResponse.json({}))];
    expect(() => fromMswHandlers({ id: 'mail', handlers })).toThrow('fromMswHandlers "mail": the handlers name several hosts (https://a.test.example, https://b.test.example)');
  });

  it('serves handlers written for one host at another (`host`), answering as they would there', async () => {
    const staging = 'https://mail.staging.example';
    const mail = fromMswHandlers({ id: 'mail', host: MAIL, handlers: [http.post(`${staging}/messages`, ({ request }) => HttpResponse.json({ at: new URL(request.url).origin }, { status: 202 }))] });
    expect(mail.host).toBe(MAIL);
    const { agent, replies } = sender([post({ to: 'ada@example.com' })]);
    await run(scenario(mail), agent);
    expect(replies[0]).toEqual([{ status: 202, body: { at: staging } }]);
  });

  it('refuses a handler with a relative path: it names no host to serve', () => {
    expect(() => fromMswHandlers({ id: 'mail', handlers: [http.post('/messages', () => HttpResponse.json({}))] })).toThrow('fromMswHandlers "mail": handlers.0 (POST /messages): the path must be an absolute URL');
  });
});

describe('effects', () => {
  it('a handler calling commit records that effect, as given, and no automatic one', async () => {
    const mail = fromMswHandlers({
      id: 'mail',
      handlers: [
        http.post(`${MAIL}/messages`, async ({ request }) => {
          const { to } = (await request.json()) as { to: string };
          commit('email', { to, queued: true });
          return HttpResponse.json({ message_id: 'm-1' }, { status: 202 });
        }),
      ],
    });
    const { agent, replies } = sender([post({ to: 'ada@example.com', subject: 'Hi' })]);
    const { of } = await run(scenario(mail), agent);
    expect(replies[0]).toEqual([{ status: 202, body: { message_id: 'm-1' } }]);
    expect(of('commit')).toEqual([expect.objectContaining({ id: 'req_1', service: 'mail', kind: 'email', effect: { to: 'ada@example.com', queued: true } })]);
  });

  it('a handler that commits, answering a repeat it deduplicated with no effect, gets none counted for it', async () => {
    const mail = fromMswHandlers({
      id: 'mail',
      handlers: () => {
        const sent = new Set<string>();
        return [
          http.post(`${MAIL}/messages`, async ({ request }) => {
            const { to } = (await request.json()) as { to: string };
            if (!sent.has(to)) sent.add(to), commit('email', { to });
            return HttpResponse.json({ message_id: 'm-1' }, { status: 202 });
          }),
        ];
      },
    });
    const { agent } = sender([post({ to: 'ada@example.com', subject: 'Hi' }), post({ to: 'ada@example.com', subject: 'Hi' })]);
    const { of } = await run(scenario(mail), agent);
    expect(of('commit')).toEqual([expect.objectContaining({ id: 'req_1', kind: 'email', effect: { to: 'ada@example.com' } })]);
  });

  it('without commit: a 2xx write is one effect, `METHOD path` with the request’s arguments; a read or a 4xx is none', async () => {
    const mail = fromMswHandlers({
      id: 'mail',
      handlers: [
        http.post(`${MAIL}/messages`, async ({ request }) => {
          const { to } = (await request.json()) as { to: string };
          return to.includes('@') ? HttpResponse.json({ message_id: 'm-1' }, { status: 201 }) : HttpResponse.json({ error: 'invalid_recipient' }, { status: 422 });
        }),
        http.get(`${MAIL}/messages/:message_id`, ({ params }) => HttpResponse.json({ message_id: params.message_id, status: 'sent' })),
      ],
    });
    const { agent, replies } = sender([post({ to: 'ada@example.com', subject: 'Hi' }), post({ to: 'nobody' }), { method: 'GET', url: `${MAIL}/messages/m-1` }]);
    const { of } = await run(scenario(mail), agent);
    expect(replies[0]!.map((r) => r.status)).toEqual([201, 422, 200]);
    // Only the first request committed, with the path as declared and the arguments as sent.
    expect(of('commit')).toEqual([expect.objectContaining({ id: 'req_1', service: 'mail', kind: 'POST /messages', effect: { to: 'ada@example.com', subject: 'Hi' } })]);
  });

  it('commit outside a run does nothing, so the same handlers still answer in the team’s own tests', async () => {
    expect(() => commit('email', { to: 'ada@example.com' })).not.toThrow();
    const handler = http.post(`${MAIL}/messages`, () => (commit('email', {}), HttpResponse.json({ message_id: 'm-1' }, { status: 202 })));
    const response = await getResponse([handler], new Request(`${MAIL}/messages`, { method: 'POST', body: '{}' }));
    expect(response?.status).toBe(202);
    expect(await response?.json()).toEqual({ message_id: 'm-1' });
  });
});

describe('handlers across runs', () => {
  it('a { once: true } handler answers in every run, and only once within one', async () => {
    const mail = fromMswHandlers({ id: 'mail', handlers: [http.post(`${MAIL}/messages`, () => HttpResponse.json({ ok: true }, { status: 201 }), { once: true })] });
    const once = scenario(mail);
    const { agent, replies } = sender([post({ to: 'ada@example.com' }), post({ to: 'ada@example.com' })]);
    const first = await run(once, agent);
    await run(once, agent);
    // Restored for the second run: its first request is answered as the first run's was.
    expect(replies.map((r) => r.map((x) => x.status))).toEqual([
      [201, 500],
      [201, 500],
    ]);
    // Used up within a run, the handler answers nothing: the service's failure, not the agent's.
    expect(first.of('service-error')[0]!.message).toContain('did not answer');
    expect(first.record.verdict).toBe('error');
  });

  it('handlers given as a function are made afresh per run; the same handlers given as an array keep their state', async () => {
    const counting = () => {
      let sent = 0;
      return [http.post(`${MAIL}/messages`, () => HttpResponse.json({ sent: ++sent }, { status: 201 }))];
    };
    const { agent, replies } = sender([post({ to: 'ada@example.com' })]);
    const fresh = scenario(fromMswHandlers({ id: 'mail', handlers: () => counting() }));
    await run(fresh, agent);
    await run(fresh, agent);
    const shared = scenario(fromMswHandlers({ id: 'mail', handlers: counting() }));
    await run(shared, agent);
    await run(shared, agent);
    // Fresh: each run sends its first message. Shared: the second run sees the first run's message.
    expect(replies.map((r) => r[0]!.body)).toEqual([{ sent: 1 }, { sent: 1 }, { sent: 1 }, { sent: 2 }]);
  });

  it('a function of the state gets the state `init` made from the seed', async () => {
    const mail = fromMswHandlers<{ from: string }>({
      id: 'mail',
      init: (seed) => ({ sender: seed.from.toUpperCase() }),
      handlers: (state) => [http.post(`${MAIL}/messages`, () => HttpResponse.json({ from: (state as { sender?: string } | undefined)?.sender }, { status: 201 }))],
    });
    const { agent, replies } = sender([post({ to: 'ada@example.com' })]);
    await run(scenarioWith(baseScenario(sendEmail, { mail: { from: 'shop@example.com' } }), mail), agent);
    expect(replies[0]![0]!.body).toEqual({ from: 'SHOP@EXAMPLE.COM' });
  });
});

describe('faults', () => {
  const mail = () =>
    fromMswHandlers({
      id: 'mail',
      handlers: [http.post(`${MAIL}/messages`, () => (commit('email', { to: 'ada@example.com' }), HttpResponse.json({ message_id: 'm-1' }, { status: 202 })))],
    });

  it("error-after-commit on the scenario's tool strikes the adopted handler: it commits, the client gets the balancer's 502", async () => {
    const faulted = scenario(mail(), { faults: [{ fault: 'error-after-commit', tool: 'send_email', status: 502, when: { first: 1 } }] });
    const { agent, replies } = sender([post({ to: 'ada@example.com' }), post({ to: 'ada@example.com' })]);
    const { of } = await run(faulted, agent);
    expect(of('fault')).toEqual([expect.objectContaining({ fault: 'error-after-commit', target: 'req_1' })]);
    expect(of('tool-request').map((r) => r.route)).toEqual(['send_email', 'send_email']);
    // The first request committed though the client saw it fail; the second was not struck.
    expect(replies[0]!.map((r) => r.status)).toEqual([502, 202]);
    expect(of('commit').map((c) => c.id)).toEqual(['req_1', 'req_2']);
  });

  it('drop-reply strikes it too: committed, and no reply ever comes', async () => {
    const faulted = scenario(mail(), { faults: [{ fault: 'drop-reply', tool: 'send_email', when: { first: 1 } }] });
    // An agent that waits 5 s for the reply, then gives up.
    const { of } = await run(faulted, {
      name: 'waits',
      async run() {
        const reply = await fetch(`${MAIL}/messages`, { method: 'POST', body: '{"to":"ada@example.com"}', signal: AbortSignal.timeout(5_000) }).then(
          (r) => `HTTP ${r.status}`,
          (e: Error) => e.name,
        );
        return { text: reply };
      },
    });
    expect(of('fault')).toEqual([expect.objectContaining({ fault: 'drop-reply', target: 'req_1', detail: 'committed; reply dropped' })]);
    expect(of('commit')).toHaveLength(1);
    expect(of('agent-reply')[0]!.text).toBe('TimeoutError');
  });
});
