import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, outDir } from './helpers.ts';

// Most team repositories are not "type": "module": their .ts agents, scenarios and configs, written
// with import/export, load all the same (before, a one-liner failed with "Cannot require() ES Module").
describe('a TypeScript project that is not an ES module package', () => {
  it('runs its agent and its scenario file, each importing TypeScript of its own and of faultline', async () => {
    const project = outDir();
    const faultline = (path: string) => JSON.stringify(resolve(path));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'team', version: '1.0.0' }));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a TypeScript file, template literal included.
    writeFileSync(join(project, 'helper.ts'), 'export const who = (name: string): string => `agent ${name}`;\n');
    writeFileSync(
      join(project, 'agent.ts'),
      `import type { Agent } from ${faultline('harness/agents/types.ts')};\nimport { who } from './helper.ts';\nconst agent: Agent = { name: who('mine'), async run() { return { text: 'nothing done' }; } };\nexport default agent;\n`,
    );
    writeFileSync(
      join(project, 'scenario.ts'),
      `import { defineScenario } from ${faultline('scenarios/define.ts')};\nimport dropped from ${faultline('scenarios/dropped-ack.ts')};\nexport default defineScenario({ ...dropped, id: 'team-dropped-ack' });\n`,
    );
    const out = outDir();
    const { code, stdout, stderr } = await cli('run', '--agent', join(project, 'agent.ts'), '--scenario', `${join(project, 'scenario.ts')},dropped-ack`, '--out', out);
    expect(stderr).not.toMatch(/failed to load/);
    expect(code).toBe(1);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.runs.map((r: { scenario: string; verdict: string }) => `${r.scenario} ${r.verdict}`)).toEqual(['team-dropped-ack fail', 'dropped-ack fail']);
    expect(stdout).toContain('team-dropped-ack');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });
});
