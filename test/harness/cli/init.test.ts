import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import { loadAgent } from '../../../harness/agents/load.ts';
import { initCommand } from '../../../harness/cli/init.ts';
import { shown } from '../../../harness/init/layout.ts';
import { workflowSource } from '../../../harness/init/workflow-template.ts';
import { main } from '../../../harness/cli/main.ts';
import { loadConfig } from '../../../harness/config.ts';
import { runOne } from '../../../harness/runner/run-one.ts';
import { resolveScenarios } from '../../../scenarios/load-file.ts';
import { catalogue } from '../../helpers.ts';
import { projectOut } from '../generate/helpers.ts';
import { parseYamlSubset } from '../init/yaml-subset.ts';
import { inProcess } from './helpers.ts';

const TEAM = 'test/fixtures/team';
const teamArgs = ['--tools', `${TEAM}/tools.ts`, '--services', `${TEAM}/services/shop.ts,${TEAM}/services/mail.ts`];
// A team's project: an empty folder with faultline in its node_modules, so what init writes imports it.
const project = () => dirname(projectOut());
const SCAFFOLD = ['.github/workflows/faultline.yml', 'faultline.config.ts', 'faultline/agent.ts', 'faultline/scenarios/place-order-lost-reply.ts', 'faultline/services/shop.ts', 'faultline/tools.ts'];
const filesIn = (dir: string, at = ''): string[] =>
  readdirSync(join(dir, at), { withFileTypes: true })
    .flatMap((e) => (e.name === 'node_modules' ? [] : e.isDirectory() ? filesIn(dir, join(at, e.name)) : [join(at, e.name)]))
    .sort();

async function runScenario(file: string, agentRef: string) {
  const [scenario] = (await resolveScenarios([file], catalogue)).values();
  const agent = agentRef === 'hardened' ? hardened : await loadAgent(agentRef);
  return runOne({ scenario: scenario!, agent, agentRef, seed: 1, trial: 1 });
}

describe('faultline init', () => {
  it('scaffolds an empty project, and what it writes runs: hardened passes the scenario, the placeholder agent fails its exactly-once', async () => {
    const dir = project();
    const { code, out } = await inProcess(initCommand, ['--dir', dir]);
    expect(code).toBe(0);
    expect(filesIn(dir)).toEqual(SCAFFOLD);
    expect(out).toMatch(/^faultline init: wrote 6 file\(s\)/);
    expect(out).toContain('1. npx faultline run --scenario faultline/scenarios/place-order-lost-reply.ts --agent hardened,./faultline/agent.ts');
    expect(out).toContain('3. npx faultline gate --update-baseline');

    const config = await loadConfig(join(dir, 'faultline.config.ts'));
    expect(config).toMatchObject({ agent: './faultline/agent.ts', scenarios: ['./faultline/scenarios/place-order-lost-reply.ts'], services: ['./faultline/services/shop.ts'], seeds: 5, trials: 3, baseline: './faultline/baseline.json' });
    expect(readFileSync(join(dir, 'faultline/agent.ts'), 'utf8')).toMatch(/\/\/ TODO: call your agent loop here/);

    const scenario = join(dir, 'faultline/scenarios/place-order-lost-reply.ts');
    const [good, placeholder] = [await runScenario(scenario, 'hardened'), await runScenario(scenario, join(dir, 'faultline/agent.ts'))];
    expect(good.verdict).toBe('pass');
    expect(placeholder.verdict).toBe('fail');
    // It fails for the bug the scenario is about, not by crashing.
    expect(placeholder.checks.filter((c) => c.verdict === 'fail').map((c) => [c.id, c.message])).toEqual([['exactly-once', expect.stringMatching(/shop\/order .* committed 2 times, intended 1/)]]);
    expect(placeholder.checks.find((c) => c.id === 'agent-completes')?.verdict).toBe('pass');

    // The README shows this first run, and the files init wrote as it lists them.
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(`exactly-once fail: ${placeholder.checks.find((c) => c.id === 'exactly-once')!.message}`);
    const listed = (text: string, prefix = '') => [...text.matchAll(/^ {2}(\S+) +(.+)$/gm)].filter((m) => m[1]!.startsWith(prefix)).map((m) => [m[1]!.slice(prefix.length), m[2]]);
    const block = /```\nfaultline init: wrote 6 file\(s\)\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(listed(block)).toHaveLength(6);
    expect(listed(block)).toEqual(listed(out.split('\n\n')[0]!, `${shown(dir)}/`));
  });

  it("the README's workflow is the one init writes at a repository's root", () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## `faultline init`'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    expect(workflowSource({ projectDir: '', baseline: './faultline/baseline.json', lockfile: true }).replace(/^#.*\n/gm, '')).toBe(yaml);
  });

  it('refuses to overwrite, naming each file and --force, and writes nothing; --force overwrites', async () => {
    const dir = project();
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/faultline.yml'), '# ours\n');
    writeFileSync(join(dir, 'faultline.config.ts'), '// ours\n');
    await expect(inProcess(initCommand, ['--dir', dir])).rejects.toThrow(
      /init: 2 of the 6 file\(s\) it writes exist already \(\S*faultline\.config\.ts, \S*\.github\/workflows\/faultline\.yml\); nothing was written\. Give --force to overwrite them/,
    );
    expect(filesIn(dir)).toEqual(['.github/workflows/faultline.yml', 'faultline.config.ts']);
    expect(readFileSync(join(dir, 'faultline.config.ts'), 'utf8')).toBe('// ours\n');

    expect((await inProcess(initCommand, ['--dir', dir, '--force'])).code).toBe(0);
    expect(filesIn(dir)).toEqual(SCAFFOLD);
    expect(readFileSync(join(dir, 'faultline.config.ts'), 'utf8')).toMatch(/export default defineConfig\(\{/);
  });

  it("--tools writes the scenario for the tool with the most consequential effect (or --tool's), with the team's files named from where they are", async () => {
    const dir = project();
    const { code, out } = await inProcess(initCommand, ['--dir', dir, ...teamArgs]);
    expect(code).toBe(0);
    // refund_order charges, send_email sends, lookup_order reads: the charge comes first.
    expect(filesIn(dir)).toEqual(['.github/workflows/faultline.yml', 'faultline.config.ts', 'faultline/agent.ts', 'faultline/scenarios/refund-order-lost-reply.ts']);
    expect(out).toMatch(/refund-order-lost-reply\.ts\s+refund_order × lost reply after commit/);
    const config = await loadConfig(join(dir, 'faultline.config.ts'));
    expect(config.services.map((file) => resolve(dir, file))).toEqual([resolve(TEAM, 'services/shop.ts'), resolve(TEAM, 'services/mail.ts')]);
    const source = readFileSync(join(dir, 'faultline/scenarios/refund-order-lost-reply.ts'), 'utf8');
    expect(source).toMatch(/^\/\/ refund_order × lost reply after commit: written by faultline init \(seed 1\)/);
    const [scenario] = (await resolveScenarios([join(dir, 'faultline/scenarios/refund-order-lost-reply.ts')], catalogue)).values();
    expect(scenario?.tools.map((t) => t.name)).toEqual(['refund_order']);

    const chosen = project();
    expect((await inProcess(initCommand, ['--dir', chosen, ...teamArgs, '--tool', 'send_email'])).code).toBe(0);
    expect(existsSync(join(chosen, 'faultline/scenarios/send-email-lost-reply.ts'))).toBe(true);
  });

  it('refuses --tools it cannot use with exit 2, naming the file, the tool and the fix, and writes nothing', async () => {
    const dir = project();
    const notTools = join(dir, 'not-tools.ts');
    writeFileSync(notTools, 'export default 42;\n');
    const refusals: Array<[string[], RegExp]> = [
      [['--tools', `${TEAM}/nothing.ts`], /^\[faultline\] init --tools: test\/fixtures\/team\/nothing\.ts: no such file$/],
      [['--tools', notTools], /^\[faultline\] init --tools: \S*not-tools\.ts: no usable tools/],
      [['--tools', `${TEAM}/tools.ts`], /init: the deployment cannot be used:\n {2}test\/fixtures\/team\/tools\.ts: lookup_order: no service serves GET [\s\S]*faultline init without --tools writes an example/],
      [[...teamArgs, '--tool', 'refund'], /init --tool: no tool "refund" in test\/fixtures\/team\/tools\.ts \(lookup_order, refund_order, send_email\)/],
      [['--services', `${TEAM}/services/shop.ts`], /init --services needs --tools/],
    ];
    for (const [args, message] of refusals) await expect(inProcess(initCommand, ['--dir', dir, ...args])).rejects.toThrow(message);
    expect(filesIn(dir)).toEqual(['not-tools.ts']);
    // Through the CLI, each is exit code 2 with the message on stderr.
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await inProcess(main, ['init', '--dir', dir, '--tools', `${TEAM}/nothing.ts`])).code).toBe(2);
      expect(stderr).toHaveBeenCalledWith('[faultline] init --tools: test/fixtures/team/nothing.ts: no such file');
    } finally {
      stderr.mockRestore();
    }
  });

  it("in a monorepo's package, writes the workflow at the repository's root, running in the package's folder", async () => {
    const repo = project();
    mkdirSync(join(repo, '.git'));
    const dir = join(repo, 'packages', 'agent');
    expect((await inProcess(initCommand, ['--dir', dir])).code).toBe(0);
    expect(existsSync(join(dir, '.github'))).toBe(false);
    const workflow = parseYamlSubset(readFileSync(join(repo, '.github/workflows/faultline.yml'), 'utf8')) as { jobs: { gate: { defaults: unknown } } };
    expect(workflow.jobs.gate.defaults).toEqual({ run: { 'working-directory': 'packages/agent' } });
  });

  it('is a command of the CLI, with its help', async () => {
    expect((await inProcess(main, ['--help'])).out).toMatch(/^ {2}init {7}scaffold faultline in your project/m);
    const help = await inProcess(main, ['init', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^faultline init — scaffold faultline in your project/);
  });
});
