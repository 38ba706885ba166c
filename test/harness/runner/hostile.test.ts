import dgram from 'node:dgram';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventsOf, parseHistory } from '../../../harness/history.ts';
import type { RunRecord } from '../../../harness/runner/record.ts';
import { runIsolated } from '../../../harness/runner/supervisor.ts';
import { catalogue, check } from '../../helpers.ts';

// Every way an agent under test can attack its host, each followed by a hardened run in the same
// suite: the attack must be that run's verdict, and the run after it must be exactly what it is
// in a clean worker (same history, byte for byte).
const HOSTILE = {
  exits: /agent exit: process\.exit\(0\) called by the agent/,
  'exits-later': /agent exit: process\.exit\(0\) called by the agent/,
  'kills-itself': /agent exit: process\.kill\(\d+, "SIGKILL"\) called by the agent/,
  aborts: /agent exit: process\.abort\(\) called by the agent/,
  rejects: /agent uncaught: unhandled rejection: Error: nobody handles this rejection/,
  'throws-in-timer': /agent uncaught: uncaught exception in a timer callback: Error: thrown inside a timer/,
  'returns-garbage': /agent bad-reply: the agent resolved to 42; Agent\.run must resolve to \{ text: string/,
  '../agents/spins': /agent spin: the agent blocked the process for more than 3000 ms/,
  '../agents/never-settles': /agent deadlock/,
} as const;
const SCENARIO = 'string-coercion';
const agentPath = (name: string) => `test/fixtures/hostile/${name}.mjs`;
const request = (agent: string) => ({ scenario: SCENARIO, agent, seed: 1, trial: 1 });

let listeners: { tcp: net.Server; udp: dgram.Socket; heard: string[] };
let records: RunRecord[];
let clean: RunRecord;
const written = { stdout: '', stderr: '' };

beforeAll(async () => {
  const heard: string[] = [];
  const tcp = net.createServer((socket) => (heard.push('tcp'), socket.destroy())).listen(0, '127.0.0.1');
  const udp = dgram.createSocket('udp4').on('message', () => heard.push('udp'));
  await new Promise((resolve) => tcp.once('listening', resolve));
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  listeners = { tcp, udp, heard };
  vi.stubEnv('HOSTILE_TCP_PORT', String((tcp.address() as net.AddressInfo).port));
  vi.stubEnv('HOSTILE_UDP_PORT', String(udp.address().port));
  const agents = [...Object.keys(HOSTILE), 'mutates-globals', 'networks', 'floods-stdout', 'dies'].map(agentPath);
  clean = (await runIsolated([request('hardened')], catalogue, { wallTimeoutMs: 3_000 }))[0] as RunRecord;
  // What the suite prints is kept for the test, not shown: one agent floods it.
  const spies = (['stdout', 'stderr'] as const).map((stream) => vi.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => ((written[stream] += String(chunk)), true)));
  try {
    records = await runIsolated(
      agents.flatMap((agent) => [request(agent), request('hardened')]),
      catalogue,
      { wallTimeoutMs: 3_000, concurrency: 1 },
    );
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}, 240_000);

afterAll(() => {
  vi.unstubAllEnvs();
  listeners.tcp.close();
  listeners.udp.close();
});

const recordOf = (name: string) => records.find((r) => r.agent === agentPath(name)) as RunRecord;
const runAfter = (name: string) => records[records.indexOf(recordOf(name)) + 1] as RunRecord;

describe('a hostile agent is a recorded verdict, and the suite goes on untouched', () => {
  it('every run asked for has a record, in order', () => {
    expect(records).toHaveLength(2 * (Object.keys(HOSTILE).length + 4));
  });

  it.each(Object.entries(HOSTILE))('%s fails agent-completes, saying what it did', (name, message) => {
    expect(check(recordOf(name), 'agent-completes')).toMatchObject({ verdict: 'fail', message: expect.stringMatching(message) });
    expect(recordOf(name).verdict).toBe('fail');
  });

  it.each([...Object.keys(HOSTILE), 'mutates-globals', 'networks', 'floods-stdout', 'dies'])('the hardened run after %s is the clean one, byte for byte', (name) => {
    expect(runAfter(name).agent).toBe('hardened');
    expect(runAfter(name).verdict).toBe('pass');
    expect(runAfter(name).history).toBe(clean.history);
  });

  it('a worker that dies under a run (no exit faultline can intercept) is an error run naming the cause', () => {
    const record = recordOf('dies');
    expect(record.verdict).toBe('error');
    expect(record.checks.every((c) => c.verdict === 'unknown' && /the worker running it died: the worker exited with code 3/.test(c.message))).toBe(true);
  });

  it('globals an agent replaced are put back before the next run', () => {
    expect(recordOf('mutates-globals').history).toContain('"type":"agent-reply","text":"done"');
  });

  it('no connection, datagram, process, worker or name lookup leaves the process; each is recorded', () => {
    expect(listeners.heard).toEqual([]);
    const events = parseHistory(recordOf('networks').history);
    const tried = eventsOf(events, 'unhandled-request').map((e) => e.method);
    for (const method of ['CONNECT', 'SEND', 'GET', 'SPAWN', 'WORKER', 'DNS', 'BINDING']) expect(tried).toContain(method);
    const reply = eventsOf(events, 'agent-reply')[0]?.text ?? '';
    expect(reply.split('; ').filter((r) => !/refused/.test(r))).toEqual([]);
  });

  it("what an agent prints goes to stderr, capped, never to faultline's stdout", () => {
    expect(written.stdout).not.toContain('flood');
    const flooded = written.stderr.split('flood ').length - 1;
    expect(flooded).toBeGreaterThan(1_000);
    expect(flooded * 'flood '.length).toBeLessThan(300 * 1024);
    expect(written.stderr).toContain('agent output beyond 262144 bytes in this worker is dropped');
  });
});
