import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintArtifacts, rules } from '../../../harness/lint/index.ts';
import { loadTools } from '../../../harness/lint/load.ts';

const dir = 'test/fixtures/lint';

async function lintPair(name: string, toolsFile: string) {
  const promptFile = `${dir}/${name}/prompt.md`;
  const { tools, source } = await loadTools(`${dir}/${name}/${toolsFile}`);
  return lintArtifacts({ prompt: readFileSync(promptFile, 'utf8'), promptFile, tools, toolsFile: `${dir}/${name}/${toolsFile}`, toolsSource: source });
}

describe('the fixture pairs', () => {
  it('bad/: every rule fires exactly once, at the line of its bug', async () => {
    const findings = await lintPair('bad', 'tools.ts');
    expect(findings.map((f) => [f.rule, `${f.file}:${f.line}`, f.tool])).toEqual([
      ['unlisted-tool', `${dir}/bad/prompt.md:4`, 'list_orders'], // the line of the tool list
      ['no-stop-criterion', `${dir}/bad/prompt.md:7`, undefined], // "Research every question thoroughly before you answer."
      ['unknown-tool', `${dir}/bad/prompt.md:9`, 'lookup_prodcut'], // `lookup_prodcut`
      ['example-invalid', `${dir}/bad/prompt.md:13`, 'lookup_episode'], // ```json lookup_episode (the v1 shape)
      ['example-unchecked', `${dir}/bad/prompt.md:19`, 'lookup_customer'], // ```lookup_customer
      ['numeric-type', `${dir}/bad/tools.ts:37`, 'compute_inventory'], // daily_units: { type: 'string' }
      ['numeric-strict', `${dir}/bad/tools.ts:45`, 'list_products'], // page: integer, schema open
      ['not-idempotent', `${dir}/bad/tools.ts:53`, 'place_order'], // effect: 'charge'
      ['no-target', `${dir}/bad/tools.ts:61`, 'delete_volume'], // effect: 'destructive'
    ]);
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(Object.keys(rules)));
    // Each tool finding sits on the tool's `name:` line.
    const lines = readFileSync(`${dir}/bad/tools.ts`, 'utf8').split('\n');
    for (const f of findings.filter((f) => f.file.endsWith('tools.ts'))) expect(lines[f.line - 1]).toContain(`name: '${f.tool}'`);
  });

  it('clean/: a prompt and tools (JSON) that break no rule yield no findings', async () => {
    expect(await lintPair('clean', 'tools.json')).toEqual([]);
  });
});
