import { describe, expect, it } from 'vitest';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import { runScenario } from '../../../harness/vitest/index.ts';
import { catalogue, run } from '../../helpers.ts';

const FIRST = 'test/fixtures/scenarios/first-scenario.ts';

describe('runScenario', () => {
  it('gives the record faultline run would: same history digest, same replay, and the parsed events', async () => {
    const record = await runScenario('dropped-ack', 'hardened', { seed: 2 });
    const reference = await run('dropped-ack', 'hardened', 2);
    expect(record.historyDigest).toBe(reference.historyDigest);
    expect(record).toMatchObject({ scenario: 'dropped-ack', agent: 'hardened', seed: 2, trial: 1, verdict: 'pass', replay: reference.replay });
    expect(record.events[0]).toMatchObject({ type: 'run-start', scenario: 'dropped-ack', seed: 2 });
    expect(record.definition).toEqual(catalogue.get('dropped-ack'));
  });

  it('defaults to seed 1, trial 1; a later trial runs a derived seed and its replay names the trial', async () => {
    const first = await runScenario('dropped-ack', 'naive');
    expect(first).toMatchObject({ seed: 1, trial: 1, replay: 'npx faultline run --scenario dropped-ack --agent naive --seed 1' });
    const second = await runScenario('dropped-ack', 'naive', { trial: 2 });
    expect(second.replay).toBe('npx faultline run --scenario dropped-ack --agent naive --seed 1 --trial 2');
    expect(second.historyDigest).not.toBe(first.historyDigest);
  });

  it('runs a scenario file and an agent module by path; the replay names both paths', async () => {
    const record = await runScenario(FIRST, 'test/fixtures/agents/wrapped.ts');
    expect(record).toMatchObject({ scenario: 'first-lost-reply', agent: 'test/fixtures/agents/wrapped.ts' });
    expect(record.replay).toBe(`npx faultline run --scenario ${FIRST} --agent test/fixtures/agents/wrapped.ts --seed 1`);
    expect(record).toPass();
    expect(await runScenario(FIRST, 'naive')).toFailCheck('exactly-once');
  });

  it('takes scenario data and an Agent object, validating the data', async () => {
    const mine = { ...catalogue.get('dropped-ack')!, id: 'my-dropped-ack' };
    const record = await runScenario(mine, hardened, { seed: 3 });
    expect(record).toMatchObject({ scenario: 'my-dropped-ack', agent: 'hardened', replay: 'npx faultline run --scenario my-dropped-ack --agent hardened --seed 3' });
    expect(record).toPass();
  });

  it('runs started together take turns (one virtual clock per process) and each matches its run alone', async () => {
    const together = await Promise.all([1, 2, 3].map((seed) => runScenario('error-after-commit', 'naive', { seed })));
    for (const [i, record] of together.entries()) expect(record.historyDigest).toBe((await run('error-after-commit', 'naive', i + 1)).historyDigest);
  });

  it('rejects bad input with a [faultline] message naming the API and what is valid', async () => {
    await expect(runScenario('dropped-acks', 'hardened')).rejects.toThrow(/^\[faultline\] runScenario: unknown scenario "dropped-acks"\. Known: .*dropped-ack/);
    await expect(runScenario('dropped-ack', 'hardend')).rejects.toThrow(/^\[faultline\] runScenario: agent: unknown agent "hardend"\. Use one of naive, hardened, sdk-tool-runner/);
    await expect(runScenario('dropped-ack', 'test/fixtures/agents/no-default.mjs')).rejects.toThrow(/runScenario: agent: .*default export must be an Agent/);
    await expect(runScenario('test/fixtures/scenarios/broken-scenario.ts', 'hardened')).rejects.toThrow(
      /^\[faultline\] runScenario: the scenario file does not validate:\n(.*\n)* {2}test\/fixtures\/scenarios\/broken-scenario\.ts: faults\.0\.tool: no tool "place-order"/,
    );
    await expect(runScenario('test/fixtures/scenarios/clashing-id.ts', 'hardened')).rejects.toThrow(/"dropped-ack" clashes with the built-in scenario \(scenarios\/dropped-ack\.ts\)/);
    await expect(runScenario({ ...catalogue.get('dropped-ack')!, primaryCheck: 'exactly_once' }, 'hardened')).rejects.toThrow(/runScenario: the scenario does not validate:\n.*primaryCheck: .*did you mean "exactly-once"/);
    await expect(runScenario('dropped-ack', 'hardened', { seed: 1.5 })).rejects.toThrow(/runScenario: seed 1\.5 is not an integer/);
    await expect(runScenario('dropped-ack', 'hardened', { trial: 0 })).rejects.toThrow(/runScenario: trial 0 is not an integer ≥ 1/);
  });
});

describe("runScenario with a team's own services", () => {
  const file = 'test/fixtures/team/scenarios/email-error-after-send.ts';

  it("runs a scenario file that names its services' files itself", async () => {
    const run = await runScenario(file, 'naive');
    expect(run.checks.find((c) => c.id === 'exactly-once')?.verdict).toBe('fail');
    expect(run.events.some((e) => e.type === 'tool-request' && e.service === 'mail')).toBe(true);
  });

  it('runs scenario data whose services come from files named from the current folder, by serviceFiles or the services option', async () => {
    const { default: data } = await import('../../fixtures/team/scenarios/email-error-after-send.ts');
    const viaData = await runScenario({ ...data, serviceFiles: ['test/fixtures/team/services/mail.ts'] }, 'hardened');
    expect(viaData.verdict).toBe('pass');
    const viaOption = await runScenario({ ...data, serviceFiles: undefined }, 'hardened', { services: ['test/fixtures/team/services/mail.ts'] });
    expect(viaOption.historyDigest).toBe(viaData.historyDigest);
    await expect(runScenario({ ...data, serviceFiles: undefined }, 'hardened')).rejects.toThrow(/services\.mail: unknown service "mail"/);
  });
});
