import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lintCommand, lintHelp } from '../../../harness/cli/lint.ts';
import { inProcess } from '../cli/helpers.ts';

const bad = ['--prompt', 'test/fixtures/lint/bad/prompt.md', '--tools', 'test/fixtures/lint/bad/tools.ts'];
const clean = ['--prompt', 'test/fixtures/lint/clean/prompt.md', '--tools', 'test/fixtures/lint/clean/tools.json'];

const lint = (...args: string[]) => inProcess(lintCommand, args);

/** A fresh folder holding `files`; returns the path of each. */
function folder(files: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-lint-'));
  return Object.fromEntries(Object.entries(files).map(([name, text]) => (writeFileSync(join(dir, name), text), [name, join(dir, name)])));
}

const spec = (over: Record<string, unknown> = {}) => ({ name: 'lookup_product', description: 'd', input_schema: { type: 'object', properties: {} }, endpoint: { method: 'GET', url: 'https://catalog.sim/p' }, effect: 'read', ...over });

afterEach(() => vi.restoreAllMocks());

describe('faultline lint --prompt --tools', () => {
  it('prints one compiler-style line per finding and a count, and exits 1', async () => {
    const { code, out } = await lint(...bad);
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[2]).toBe('test/fixtures/lint/bad/prompt.md:9: [unknown-tool] the prompt names lookup_prodcut, which is not a registered tool (did you mean lookup_product?). Fix: write lookup_product, or register lookup_prodcut');
    expect(lines[8]).toMatch(/^test\/fixtures\/lint\/bad\/tools\.ts:61: \[no-target\] delete_volume is destructive but declares no target/);
    for (const line of lines.slice(0, 9)) expect(line).toMatch(/^test\/fixtures\/lint\/bad\/(prompt\.md|tools\.ts):\d+: \[[a-z-]+\] .+\. Fix: .+/);
    expect(lines[9]).toBe('faultline lint: 9 finding(s) in test/fixtures/lint/bad/prompt.md and 8 tool(s) in test/fixtures/lint/bad/tools.ts');
  });

  it('exits 0 with no findings', async () => {
    expect(await lint(...clean)).toEqual({ code: 0, out: 'faultline lint: no findings in test/fixtures/lint/clean/prompt.md and 4 tool(s) in test/fixtures/lint/clean/tools.json' });
  });

  it('prints the findings as JSON with --json', async () => {
    const { code, out } = await lint(...bad, '--json');
    expect(code).toBe(1);
    const parsed = JSON.parse(out);
    expect(parsed.format).toBe('faultline.lint/1');
    expect(parsed.findings).toHaveLength(9);
    expect(parsed.findings[0]).toEqual({ file: 'test/fixtures/lint/bad/prompt.md', line: 4, rule: 'unlisted-tool', tool: 'list_orders', message: expect.any(String), fix: expect.any(String) });
    expect(JSON.parse((await lint(...clean, '--json')).out)).toEqual({ format: 'faultline.lint/1', findings: [] });
  });

  it('reads tools from a named export `tools` holding a record', async () => {
    const files = folder({
      'prompt.md': 'Use lookup_product for prices. Answer as soon as you have the price.',
      'tools.mjs': `export const tools = {\n  lookup_product: ${JSON.stringify(spec())},\n  place_order: ${JSON.stringify(spec({ name: 'place_order', effect: 'charge' }))},\n};\n`,
    });
    const { code, out } = await lint('--prompt', files['prompt.md']!, '--tools', files['tools.mjs']!);
    expect(code).toBe(1);
    expect(out).toContain(`${files['prompt.md']}:1: [unlisted-tool] the prompt never names place_order`);
    expect(out).toContain(`${files['tools.mjs']}:3: [not-idempotent] place_order has effect 'charge'`);
  });

  it('refuses bad input with exit code 2, naming the file and what is wrong', async () => {
    const files = folder({
      'prompt.md': 'Use lookup_product.',
      'empty.mjs': 'export default { hello: "world" };\n',
      'broken.json': '[{"name": "x",',
      'partial.json': JSON.stringify([spec(), { name: 'place_order', input_schema: { type: 'object' } }]),
      'tools.yaml': '- name: x\n',
    });
    const rejects = (args: string[], message: RegExp) => expect(lintCommand(args)).rejects.toMatchObject({ exitCode: 2, message });
    await rejects(['--prompt', 'nowhere.md', '--tools', files['partial.json']!], /^\[faultline\] --prompt: nowhere\.md: no such file$/);
    await rejects(['--prompt', files['prompt.md']!, '--tools', 'nowhere.ts'], /--tools: nowhere\.ts: no such file/);
    await rejects(['--prompt', files['prompt.md']!, '--tools', files['empty.mjs']!], /empty\.mjs: no usable tools: expected a default export \(or a named export `tools`\) that is an array or a record of tool specs/);
    await rejects(['--prompt', files['prompt.md']!, '--tools', files['broken.json']!], /broken\.json: not JSON/);
    await rejects(['--prompt', files['prompt.md']!, '--tools', files['partial.json']!], /invalid tool spec:\n {2}.+partial\.json: tools\.1\.effect: Invalid option: expected one of "read"\|"write"/);
    await rejects(['--prompt', files['prompt.md']!, '--tools', files['tools.yaml']!], /expected a \.ts, \.mts, \.js, \.mjs or \.json file/);
    await rejects(['--prompt', files['prompt.md']!], /--prompt and --tools go together; --tools is missing/);
    await rejects([], /nothing to lint/);
    await rejects([...clean, '--scenario', 'dropped-ack'], /not both/);
  });

  it('prints its help, listing every rule', async () => {
    expect(await lint('--help')).toEqual({ code: 0, out: lintHelp });
    expect(lintHelp).toMatch(/unknown-tool[\s\S]+no-stop-criterion[\s\S]+example-invalid[\s\S]+numeric-strict[\s\S]+no-target/);
  });
});

describe('faultline lint --scenario', () => {
  it('lints built-in scenarios, reporting the scenario file', async () => {
    const { code, out } = await lint('--scenario', 'runaway-loop,max-tokens');
    expect(code).toBe(1);
    expect(out).toContain('scenarios/runaway-loop.ts:28: [no-stop-criterion] the prompt states no termination criterion and asks for open-ended work ("fully")');
    expect(out).toContain('scenarios/runaway-loop.ts:28: [unlisted-tool] the prompt never names lookup_award, a registered tool (it speaks of "the available tools" instead)');
    expect(out).not.toContain('max-tokens');
    expect(out.split('\n').at(-1)).toBe('faultline lint: 6 finding(s) in 2 scenario(s)');
  });

  it('tags each JSON finding with its scenario', async () => {
    const { out } = await lint('--scenario', 'destructive-action', '--json');
    expect(JSON.parse(out).findings.at(-1)).toEqual({ scenario: 'destructive-action', file: 'scenarios/destructive-action.ts', line: 10, rule: 'not-idempotent', tool: 'delete_volume', message: expect.any(String), fix: expect.any(String) });
  });

  it("lints a scenario file as given, at its tool's own line", async () => {
    // The README's first scenario: its orders service deduplicates, but its place_order spec does not say so.
    const { code, out } = await lint('--scenario', 'test/fixtures/scenarios/first-scenario.ts');
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      "test/fixtures/scenarios/first-scenario.ts:16: [not-idempotent] place_order has effect 'charge' but does not declare idempotent: true, so a retry after a lost reply may repeat the effect or misreport it. Fix: have the service deduplicate on the Idempotency-Key header and declare idempotent: true on place_order",
      'faultline lint: 1 finding(s) in 1 scenario(s)',
    ]);
  });

  it('exits 0 when no scenario has findings', async () => {
    expect(await lint('--scenario', 'swallowed-error,max-tokens')).toEqual({ code: 0, out: 'faultline lint: no findings in 2 scenario(s)' });
  });

  it('refuses an unknown scenario with exit code 2', async () => {
    await expect(lintCommand(['--scenario', 'no-such-scenario'])).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('unknown scenario "no-such-scenario"') });
  });
});
