import { describe, expect, it } from 'vitest';
import { workflowSource } from '../../../harness/init/workflow-template.ts';
import { parseYamlSubset } from './yaml-subset.ts';

type Workflow = { on: unknown; permissions: unknown; jobs: { gate: Record<string, unknown> & { steps: Array<Record<string, unknown>> } } };

const GATE = 'npx faultline gate --reporter md,junit,html --out faultline-out';
const SUMMARY = 'if [ -f faultline-out/summary.md ]; then cat faultline-out/summary.md >> "$GITHUB_STEP_SUMMARY"; fi';

describe('the workflow faultline init writes', () => {
  it('runs the gate on every pull request, and keeps its summary and reports also when it failed', () => {
    const workflow = parseYamlSubset(workflowSource({ projectDir: '', baseline: './faultline/baseline.json', lockfile: true })) as Workflow;
    expect(workflow.on).toEqual({ pull_request: null });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.gate.defaults).toBeUndefined();
    expect(workflow.jobs.gate.steps).toEqual([
      { uses: 'actions/checkout@v4' },
      { uses: 'actions/setup-node@v4', with: { 'node-version': 20, cache: 'npm' } },
      { run: 'npm ci' },
      { name: 'faultline gate', run: GATE },
      { name: 'Gate summary', if: 'always()', run: SUMMARY },
      { name: 'Keep the reports', if: 'always()', uses: 'actions/upload-artifact@v4', with: { name: 'faultline-reports', path: 'faultline-out', 'if-no-files-found': 'ignore' } },
    ]);
  });

  it("runs in a monorepo package's folder, uploads from there, and leaves setup-node's cache off without a lockfile", () => {
    const workflow = parseYamlSubset(workflowSource({ projectDir: 'packages/agent', baseline: './faultline/baseline.json', lockfile: false })) as Workflow;
    expect(workflow.jobs.gate.defaults).toEqual({ run: { 'working-directory': 'packages/agent' } });
    expect(workflow.jobs.gate.steps[1]).toEqual({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } });
    // upload-artifact takes its path from the repository's root, not from the run steps' folder.
    expect(workflow.jobs.gate.steps[5]!.with).toEqual({ name: 'faultline-reports', path: 'packages/agent/faultline-out', 'if-no-files-found': 'ignore' });
    const cached = parseYamlSubset(workflowSource({ projectDir: 'packages/agent', baseline: './faultline/baseline.json', lockfile: true })) as Workflow;
    expect(cached.jobs.gate.steps[1]!.with).toEqual({ 'node-version': 20, cache: 'npm', 'cache-dependency-path': 'packages/agent/package-lock.json' });
  });

  it('is checked by a parser that refuses malformed YAML', () => {
    const good = workflowSource({ projectDir: '', baseline: './faultline/baseline.json', lockfile: true });
    expect(() => parseYamlSubset(good.replace('    runs-on', '\truns-on'))).toThrow(/a tab/);
    expect(() => parseYamlSubset(good.replace('      - run: npm ci', '       - run: npm ci'))).toThrow(/opens no block|not "key: value"/);
    expect(() => parseYamlSubset(good.replace('run: npm ci', 'run: echo a: b'))).toThrow(/plain scalar/);
    expect(() => parseYamlSubset(good.replace('permissions:', 'name:'))).toThrow(/duplicate key name/);
  });
});
