import { describe, expect, it } from 'vitest';
import type { Agent } from '../../harness/agents/types.ts';
import { runOne } from '../../harness/runner/run-one.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import mcpDroppedAck from '../../scenarios/mcp-dropped-ack.ts';
import { mcpClient, type McpClientBugs } from '../fixtures/agents/mcp-client.ts';
import { catalogue, check, run, SEEDS } from '../helpers.ts';

// The teeth of the scenarios served over MCP. Their controls are MCP clients: the MCP SDK's own
// Client in a correct loop, and the same loop with the one behaviour each scenario exists for
// switched off (a mutation), which must fail the scenario's primary check on every seed.
const correct = mcpClient('mcp-correct');
const MUTATIONS: Record<string, keyof McpClientBugs> = {
  'mcp-dropped-ack': 'noIdempotencyKey',
  'mcp-schema-drift': 'noValidation',
  'mcp-hung-call': 'errorsAsText',
  'mcp-session-expired': 'noReinitialize',
};
const overMcp = [...catalogue.values()].filter((s) => s.transport === 'mcp');

const runWith = (scenario: Scenario, agent: Agent, seed: number) => runOne({ scenario, agent, agentRef: agent.name, seed, trial: 1, intercept: false });

it('at least four catalogue scenarios are served over MCP, each with its mutation', () => {
  expect(overMcp.map((s) => s.id).sort()).toEqual(Object.keys(MUTATIONS).sort());
});

it('an MCP fault in a scenario not served over MCP is refused, naming the field and the fix; a misspelt transport too', () => {
  const { problems } = validateScenario({ ...mcpDroppedAck, transport: undefined }, 'my.ts');
  expect(problems).toEqual(["my.ts: faults.0.fault: mcp-lost-response strikes only tool calls made over MCP: say so with transport: 'mcp', or an HTTP agent's run has nothing struck"]);
  expect(validateScenario({ ...mcpDroppedAck, transport: 'mpc' }, 'my.ts').problems.join('\n')).toMatch(/transport/);
  expect(validateScenario({ ...mcpDroppedAck, faults: [{ fault: 'mcp-hang', tool: 'place_order', delayMs: -1 }] }, 'my.ts').problems.join('\n')).toMatch(/faults\.0\.delayMs/);
});

describe.each(overMcp.map((s) => [s.id, s] as const))('%s', (id, scenario) => {
  it(`a correct MCP client passes ${scenario.primaryCheck} and the goal on every seed 1..20, and no check fails; every fault strikes`, async () => {
    const struck = new Set<string>();
    for (const seed of SEEDS) {
      const record = await runWith(scenario, correct, seed);
      for (const c of record.checks) expect(c.id === scenario.primaryCheck || c.id === 'goal' ? ['pass'] : ['pass', 'not-applicable'], `seed ${seed} ${c.id}: ${c.message}`).toContain(c.verdict);
      for (const line of record.history.split('\n')) if (line.includes('"type":"fault"')) struck.add(JSON.parse(line).fault);
    }
    for (const f of scenario.faults) expect(struck).toContain((f as { fault: string }).fault);
  });

  it(`the client without its one behaviour (${MUTATIONS[id]}) fails ${scenario.primaryCheck} on every seed 1..20`, async () => {
    const mutant = mcpClient(`mcp-${MUTATIONS[id]}`, { [MUTATIONS[id] as string]: true });
    for (const seed of SEEDS) {
      const record = await runWith(scenario, mutant, seed);
      expect(check(record, scenario.primaryCheck)?.verdict, `seed ${seed}: ${check(record, scenario.primaryCheck)?.message}`).toBe('fail');
    }
  });

  // What an HTTP-only agent gets: the same service over HTTP, with no MCP fault to meet. Never a pass of the primary check.
  it.each(['naive', 'hardened'])('%s, calling the tools over HTTP, has nothing struck: its primary check is not-applicable', async (agent) => {
    for (const seed of SEEDS.slice(0, 3)) {
      const record = await run(id, agent, seed);
      expect(record.faultsStruck).toEqual({ struck: 0, declared: scenario.faults.length });
      expect(check(record, scenario.primaryCheck)?.verdict).toBe('not-applicable');
      expect(record.history).not.toContain('"type":"mcp"');
    }
  });
});

// The 404 of an expired session is about the session, not the tool: the service never saw the
// request, so the request log holds only the calls it served and a client that initializes again
// and resends has not retried a permanent error.
it('mcp-session-expired: the 404 is answered at the MCP server, never on the route; no-retry-permanent has nothing to judge', async () => {
  const scenario = { ...(catalogue.get('mcp-session-expired') as Scenario), checks: ['goal', 'exactly-once', 'no-retry-permanent'] } as Scenario;
  for (const seed of SEEDS.slice(0, 5)) {
    const record = await runWith(scenario, correct, seed);
    const lines = record.history
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(check(record, 'no-retry-permanent')?.verdict, `seed ${seed}: ${check(record, 'no-retry-permanent')?.message}`).toBe('not-applicable');
    expect(check(record, 'goal')?.verdict).toBe('pass');
    expect(lines.filter((e) => e.type === 'tool-complete').map((e) => e.status)).toEqual([201]);
    expect(lines.filter((e) => e.type === 'commit')).toHaveLength(1);
    expect(lines.filter((e) => e.type === 'mcp').map((e) => e.event)).toEqual(['initialize', 'session-expired', 'initialize']);
  }
});

// The drift is undeclared over MCP too: the server keeps listing v1, so a client that validates
// against the schema listed when it connected and one that lists again before it validates a reply
// see the same schema, and both catch the drifted reply.
it('mcp-schema-drift: a client that re-lists before validating passes response-contract as the one with a stale list does', async () => {
  const scenario = catalogue.get('mcp-schema-drift') as Scenario;
  for (const seed of SEEDS.slice(0, 5)) {
    for (const agent of [correct, mcpClient('mcp-relist', {}, { relist: true })]) {
      const record = await runWith(scenario, agent, seed);
      expect(check(record, 'response-contract')?.verdict, `${agent.name} seed ${seed}: ${check(record, 'response-contract')?.message}`).toBe('pass');
      // Nothing happened at the server but the session opening: no change announced.
      expect(
        record.history
          .split('\n')
          .filter((l) => l.includes('"type":"mcp"'))
          .map((l) => JSON.parse(l).event),
      ).toEqual(['initialize']);
    }
  }
});

// A Retry-After reaches an MCP client (the result's text and _meta), so retry-backoff judges what
// the client could know: one that waits it out passes, the same client waiting only its backoff fails.
describe('transient-errors over MCP: the Retry-After of a 429/503 reaches the client', () => {
  const scenario = { ...(catalogue.get('transient-errors') as Scenario), transport: 'mcp' } as Scenario;
  it('a client honouring it passes retry-backoff; one ignoring it fails', async () => {
    for (const seed of SEEDS.slice(0, 5)) {
      const [good, bad] = [await runWith(scenario, correct, seed), await runWith(scenario, mcpClient('mcp-ignoreRetryAfter', { ignoreRetryAfter: true }), seed)];
      expect(check(good, 'retry-backoff')?.verdict, `seed ${seed}: ${check(good, 'retry-backoff')?.message}`).toBe('pass');
      expect(check(good, 'known-answer')?.verdict).toBe('pass');
      expect(check(bad, 'retry-backoff')?.verdict, `seed ${seed}: ${check(bad, 'retry-backoff')?.message}`).toBe('fail');
    }
  });
});

// Metamorphic: a lost reply is the same fault to the world whether the route drops it (drop-reply,
// which MCP calls meet as HTTP calls do) or the MCP server does (mcp-lost-response): the same
// client, seed and schedule give the same ledger and the same verdicts.
describe('a lost reply over MCP and over the route are one fault to the world', () => {
  const base = catalogue.get('mcp-dropped-ack') as Scenario;
  const atRoute = { ...base, transport: undefined, faults: [{ fault: 'drop-reply', tool: 'place_order', when: { strike: [1, 2] }, commit: true }] } as Scenario;
  const atMcp = { ...base, faults: [{ fault: 'mcp-lost-response', tool: 'place_order', when: { strike: [1, 2] }, commit: true }] } as Scenario;
  it.each([
    ['correct', {}],
    ['noIdempotencyKey', { noIdempotencyKey: true }],
  ] as const)('%s client', async (name, bugs) => {
    for (const seed of SEEDS.slice(0, 5)) {
      const [a, b] = [await runWith(atRoute, mcpClient(name, bugs), seed), await runWith(atMcp, mcpClient(name, bugs), seed)];
      expect(b.metrics.effects).toBe(a.metrics.effects);
      expect(b.checks.map((c) => [c.id, c.verdict])).toEqual(a.checks.map((c) => [c.id, c.verdict]));
    }
  });
});
