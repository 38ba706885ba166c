import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ToolSpec } from '../../../harness/agents/types.ts';
import { lintArtifacts } from '../../../harness/lint/index.ts';
import { builtInFile } from '../../../scenarios/built-in.ts';
import { loadCatalogue } from '../../../scenarios/index.ts';

const catalogue = loadCatalogue();

/** Lints a built-in scenario as `faultline lint --scenario` does; `change` rewrites its artifacts first. */
function lintScenario(id: string, change: { system?: string; tools?: ToolSpec[] } = {}) {
  const scenario = catalogue.get(id)!;
  const file = builtInFile(id)!;
  const source = readFileSync(file, 'utf8');
  return lintArtifacts({ prompt: change.system ?? scenario.system, promptFile: file, promptSource: source, tools: change.tools ?? scenario.tools, toolsFile: file, toolsSource: source });
}
const summary = (id: string) => lintScenario(id).map((f) => `${f.line} ${f.rule}${f.tool ? ` ${f.tool}` : ''}`);

// What lint finds in every built-in scenario, and where. Judged one by one (see the report in the
// lint PR): the catalogue's prompts are one-liners, so the prompt rules find real gaps in most.
const expected: Record<string, string[]> = {
  // The status-check tool is registered but the prompt never tells the model about it (seed 002 case 1's fix).
  'dropped-ack': ['9 unlisted-tool list_orders'],
  'error-after-commit': ['9 unlisted-tool list_orders'],
  'hallucinated-success': ['9 unlisted-tool list_orders'],
  'model-api-faults': ['9 unlisted-tool list_orders'],
  'overloaded-mid-stream': ['9 unlisted-tool list_orders'],
  // Seed 002 case 3: "the catalog tools" instead of lookup_product.
  'hallucinated-tool': ['10 unlisted-tool lookup_product', '10 no-stop-criterion'],
  // Seed 002 case 6: "the available tools", "research the question fully".
  'runaway-loop': ['28 unlisted-tool lookup_person', '28 unlisted-tool lookup_employer_history', '28 unlisted-tool lookup_filing', '28 unlisted-tool lookup_publication', '28 unlisted-tool lookup_award', '28 no-stop-criterion'],
  // Seed 003 mode 1: "read every page before you answer".
  'pagination-loop': ['11 no-stop-criterion'],
  // Prompts that say which tool to use and nothing about when the work is done.
  'permanent-error': ['9 no-stop-criterion'],
  'slow-tool': ['9 no-stop-criterion'],
  'string-coercion': ['9 no-stop-criterion'],
  'transient-errors': ['9 no-stop-criterion'],
  'persistent-outage': ['9 no-stop-criterion'],
  'token-budget': ['13 no-stop-criterion'],
  'confused-deputy': ['18 no-stop-criterion'],
  'injected-instructions': ['11 no-stop-criterion'],
  // Its worked example matches the declared (v1) response schema; the drift is in the service only.
  'schema-drift': ['12 no-stop-criterion'],
  // "the cloud volume API" names no tool; delete_volume's service does not deduplicate.
  'destructive-action': ['9 unlisted-tool list_volumes', '9 unlisted-tool delete_volume', '9 no-stop-criterion', '10 not-idempotent delete_volume'],
  // Every tool named, and a completion step ("…, then write / list …").
  'max-tokens': [],
  'reordered-parallel': [],
  'swallowed-error': [],
  'orphaned-tool-use': [],
  'truncated-tool-call': [],
  'stop-sequence-cut': [],
  'reused-tool-id': [],
  // The MCP twins carry their HTTP twins' prompts and tools, and so their findings.
  'mcp-dropped-ack': ['9 unlisted-tool list_orders'],
  'mcp-session-expired': ['9 unlisted-tool list_orders'],
  'mcp-schema-drift': ['12 no-stop-criterion'],
  'mcp-hung-call': ['9 no-stop-criterion'],
};

describe('lint on the built-in catalogue', () => {
  it('covers every built-in scenario', () => {
    expect(Object.keys(expected).sort()).toEqual([...catalogue.keys()].sort());
  });

  it.each(Object.entries(expected))('%s', (id, findings) => {
    expect(summary(id)).toEqual(findings);
  });

  it('finds no unknown tool, no bad example and no untyped number anywhere in the catalogue', () => {
    const rules = new Set([...catalogue.keys()].flatMap((id) => lintScenario(id).map((f) => f.rule)));
    for (const rule of ['unknown-tool', 'example-invalid', 'example-unchecked', 'numeric-type', 'numeric-strict', 'no-target'] as const) expect(rules.has(rule)).toBe(false);
  });
});

describe('teeth: the deploys the scenarios stand for', () => {
  it("schema-drift: declaring the v2 response shape the service moved to fails the prompt's v1 worked example, at its line", () => {
    const [episode] = catalogue.get('schema-drift')!.tools;
    const v2 = { type: 'object', properties: { episode_id: { type: 'string' }, title: { type: 'string' }, speakers: { type: 'array', items: { type: 'string' } } }, required: ['episode_id', 'title', 'speakers'] };
    const findings = lintScenario('schema-drift', { tools: [{ ...episode!, responseSchema: v2 }] }).filter((f) => f.rule === 'example-invalid');
    expect(findings).toMatchObject([{ file: 'scenarios/schema-drift.ts', line: 13, tool: 'lookup_episode', message: expect.stringContaining('speakers: missing (expected array)') }]);
  });

  it('schema-drift: with no declared response schema at all, its worked example is unchecked', () => {
    const [episode] = catalogue.get('schema-drift')!.tools;
    const { responseSchema: _, ...undeclared } = episode!;
    expect(lintScenario('schema-drift', { tools: [undeclared] }).filter((f) => f.rule === 'example-unchecked')).toMatchObject([{ line: 13 }]);
  });

  it('hallucinated-tool: a prompt that names the invented pricing tool is refused, with the registry and no false suggestion', () => {
    const system = 'You are a product-review writer. Use fetch_vendor_pricing_v2 to validate pricing and tier, then write.';
    // This prompt is not in the file, so its findings are placed at the scenario's `system:` line.
    expect(lintScenario('hallucinated-tool', { system }).filter((f) => f.rule === 'unknown-tool')).toMatchObject([
      { line: 10, message: 'the prompt names fetch_vendor_pricing_v2, which is not a registered tool', fix: 'register it or remove it from the prompt (registered: lookup_product)' },
    ]);
  });

  it("runaway-loop: the seed's rewritten prompt, naming its tools, clears every finding", () => {
    const system =
      'You are a research assistant. Your tools: lookup_person, lookup_employer_history, lookup_filing, lookup_publication, lookup_award; no other tools exist. ' +
      "Compose your one-paragraph answer as soon as you have the person's full name, current title and employer, and primary career milestone. Additional facts are not required.";
    expect(lintScenario('runaway-loop', { system })).toEqual([]);
  });
});
