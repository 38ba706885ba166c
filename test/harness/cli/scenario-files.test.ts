import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli/main.ts';
import { cli, inProcess, outDir } from './helpers.ts';

const FIRST = 'test/fixtures/scenarios/first-scenario.ts';
const BROKEN = 'test/fixtures/scenarios/broken-scenario.ts';
const MANY = './test/fixtures/scenarios/many-mistakes.mjs';

describe('README: Write your first fault scenario', () => {
  it("the README's scenario file is the fixture, byte for byte", () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Write your first fault scenario'));
    expect(section.length).toBeGreaterThan(0);
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(FIRST, 'utf8'));
  });
});

describe('faultline run --scenario <file>', () => {
  it('runs a user scenario file in the worker: hardened passes, and ids and files mix in one list', async () => {
    const out = outDir();
    const { code, stdout, stderr } = await cli('run', '--scenario', `dropped-ack,${FIRST}`, '--agent', 'hardened', '--seeds', '2', '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/first-lost-reply\s+2\/2 pass/);
    const runs = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs as Array<{ scenario: string; seed: number; replay: string }>;
    expect(runs.map((r) => r.scenario)).toEqual(['dropped-ack', 'dropped-ack', 'first-lost-reply', 'first-lost-reply']);
    expect(runs[2]?.replay).toBe(`npx faultline run --scenario ${FIRST} --agent hardened --seed 1`);
    expect(runs[0]?.replay).toBe('npx faultline run --scenario dropped-ack --agent hardened --seed 1');
  });

  it('naive fails it with exactly-once, and the replay command names the file and reproduces the run', async () => {
    const out = outDir();
    // In this process: a separate one gives the same digest too (run.test.ts proves it for every kind of run).
    const { code, out: stdout } = await inProcess(main, ['run', '--scenario', FIRST, '--agent', 'naive', '--out', out]);
    expect(code).toBe(1);
    expect(stdout).toContain('exactly-once fail: orders/order {"sku":"B7","quantity":12} committed 2 times, intended 1');
    const replay = `npx faultline run --scenario ${FIRST} --agent naive --seed 1`;
    expect(stdout).toContain(`replay: ${replay}`);
    const [first] = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs;
    const again = outDir();
    const replayed = await inProcess(main, [...replay.split(' ').slice(2), '--out', again]);
    expect(replayed.code).toBe(1);
    expect(JSON.parse(readFileSync(join(again, 'results.json'), 'utf8')).runs[0].historyDigest).toBe(first.historyDigest);
  });

  it('exits 2 on an invalid scenario file, listing every problem with the file and the path, and writes nothing', async () => {
    const out = outDir();
    const { code, stdout, stderr } = await cli('run', '--scenario', `dropped-ack,${BROKEN}`, '--agent', 'hardened', '--out', out);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(problemLines(stderr)).toEqual([
      `${BROKEN}: tools.0.endpoint: no service in "services" serves POST https://orders.sim/order; orders on that host serves POST /orders, GET /orders`,
      `${BROKEN}: faults.0.tool: no tool "place-order" in tools (place_order); did you mean "place_order"?`,
      `${BROKEN}: model.plan.0.call.0.name: no tool "placeOrder" in tools (place_order); did you mean "place_order"?`,
      expect.stringMatching(new RegExp(`^${BROKEN}: checks\\.0: unknown checker "exactly-one" \\(did you mean "exactly-once"\\?\\); known: agent-completes, .*exactly-once`)),
      `${BROKEN}: primaryCheck: "exactly-once" must be one of checks (exactly-one, agent-completes, deployment-has-tools, goal, bounded-retries, tool-timeout, loop-deadline, tool-budget, token-budget); did you mean "exactly-one"?`,
    ]);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });

  it('with one bad file among good ones, exits 2 listing every problem of shape, name, JSON Schema and reference at once, and runs nothing', async () => {
    const out = outDir();
    const { code, stdout, stderr } = await cli('run', '--scenario', `./${FIRST},${MANY}`, '--agent', 'naive', '--out', out);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^\[faultline\] --scenario: invalid scenarios, nothing was run:\n/);
    const expected = [
      'title: missing; expected string',
      'tools.0.input_schema.properties.quantity.type: unknown type "integr" (did you mean "integer"?); known: array, boolean, integer, null, number, object, string',
      'tools.0.input_schema.required: must be array (got "sku")',
      'faults.0.fault: unknown fault "drop-replies"; known: connection-reset, drop-reply,',
      'faults.0.tool: no tool "place-order" in tools (place_order); did you mean "place_order"?',
      'model.persona: unknown persona "dilligent" (did you mean "diligent"?); known: diligent,',
      'goal: missing; say what a correct agent achieves in this world',
      'checks.0: unknown checker "exactly_once" (did you mean "exactly-once"?); known: agent-completes,',
      'primaryCheck: "exactly-once" must be one of checks (exactly_once, agent-completes, deployment-has-tools, goal, bounded-retries, tool-timeout, loop-deadline, tool-budget, token-budget); did you mean "exactly_once"?',
    ];
    const lines = problemLines(stderr);
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => expect(line.startsWith(`${MANY}: ${expected[i]}`), `${line}\n  should start with\n${MANY}: ${expected[i]}`).toBe(true));
    expect(existsSync(join(out, 'results.json'))).toBe(false);
    expect(existsSync(join(out, 'histories'))).toBe(false);
  });

  it('lists the problems of every bad file and every unknown id together', async () => {
    const out = outDir();
    const { code, stdout, stderr } = await cli('run', '--scenario', `${BROKEN},dropped-ack,nope,${MANY},missing/scenario.ts`, '--agent', 'hardened', '--out', out);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = problemLines(stderr);
    expect(lines.filter((l) => l.startsWith(`${BROKEN}: `))).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith(`${MANY}: `))).toHaveLength(9);
    expect(lines).toContain('missing/scenario.ts: no such file');
    expect(lines.some((l) => l.startsWith('unknown scenario "nope". Known: dropped-ack'))).toBe(true);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });

  it.each([
    [['test/fixtures/scenarios/clashing-id.ts'], /clashing-id\.ts: id: "dropped-ack" clashes with the built-in scenario "dropped-ack" \(scenarios\/dropped-ack\.ts\)/],
    [['missing/scenario.ts'], /missing\/scenario\.ts: no such file/],
    [['test/fixtures/agents/no-default.mjs'], /no-default\.mjs: \(root\): no default export/],
  ])('exits 2 on bad scenario files %j, writing nothing', async (files, message) => {
    const out = outDir();
    const { code, stderr } = await cli('run', '--scenario', files.join(','), '--agent', 'hardened', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });
});

/** The problem lines of a `[faultline] --scenario: invalid scenarios` message, one per problem. */
const problemLines = (stderr: string) =>
  stderr
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim());
