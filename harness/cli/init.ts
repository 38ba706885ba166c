import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import { slug } from '../generate/case.ts';
import { generate } from '../generate/index.ts';
import { pathFrom } from '../generate/render.ts';
import { agentSource } from '../init/agent-template.ts';
import { configSource } from '../init/config-template.ts';
import { EXAMPLE, exampleServiceSource, exampleToolsSource } from '../init/example-templates.ts';
import { LAYOUT, shown, workflowPlace } from '../init/layout.ts';
import { nextSteps } from '../init/next-steps.ts';
import { pickCase, type Picked } from '../init/pick.ts';
import { workflowSource } from '../init/workflow-template.ts';
import { writeAtomic } from './files.ts';

export const initHelp = `faultline init — scaffold faultline in your project: a config, your agent's adapter, a scenario, a CI workflow

  --dir DIR               the project's folder (default: the current one)
  --tools FILE            your tools module, as faultline generate reads it: the scenario is written for one of its
                          tools (the one with the most consequential effect: a charge before an email before a write)
  --services PATH[,…]     modules of your simulated services (defineService, fromMswHandlers) serving those tools
  --tool NAME             the tool to write the scenario for, instead of the one init picks
  --force                 overwrite files init would write that exist already

Writes, in DIR:
  faultline.config.ts              the suite faultline gate runs: your agent × the scenario, 5 seeds × 3 trials
  faultline/agent.ts               your agent as an Agent, a TODO where your loop goes (a plain placeholder loop until then)
  faultline/scenarios/<case>.ts    one scenario: your tool's reply lost after it committed (or its best case)
  .github/workflows/faultline.yml  the gate on every pull request: summary on the run's page, reports as an artifact
Without --tools, also faultline/tools.ts and faultline/services/shop.ts: an example tool (place_order) and
the simulated service it calls, standing for yours. The workflow goes to the git repository's root.

Nothing is written when any of these files exists already (unless --force), or when --tools cannot be used.
Exit code: 0 written, 2 bad input.`;

type Planned = { file: string; about: string; text?: string };

export async function initCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { dir: { type: 'string', default: '.' }, tools: { type: 'string' }, services: { type: 'string' }, tool: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) return (console.log(initHelp), 0);
  const { dir } = values;
  if (!dir.trim()) throw new UsageError('init --dir: the path is empty; give the project folder, or leave --dir out for the current one');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`init --dir ${dir}: is a file, not a folder; give the project's folder`);
  if (values.tools === undefined && (values.services !== undefined || values.tool !== undefined))
    throw new UsageError(`init --${values.tool !== undefined ? 'tool' : 'services'} needs --tools: give your tools module too, e.g. --tools ./src/tools.ts`);

  const example = values.tools === undefined;
  const toolsFile = example ? join(dir, EXAMPLE.toolsFile) : values.tools!;
  const serviceFiles = example
    ? [join(dir, EXAMPLE.serviceFile)]
    : (values.services ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  const scenarios = join(dir, LAYOUT.scenarios);
  const pick = async () => pickCase(await generate({ toolsFile, serviceFiles, outDir: scenarios, seed: 1, command: 'faultline init' }), values.tool);
  // The team's own tools are judged before anything is checked or written; the example is ours.
  let picked: Picked | undefined = example ? undefined : await pick().catch(asInitError);
  const scenarioFile = join(scenarios, picked?.file.name ?? `${slug(EXAMPLE.tool)}-lost-reply.ts`);
  const workflow = workflowPlace(dir);
  const fromDir = (file: string) => pathFrom(dir, file);

  const examples: Planned[] = example
    ? [
        { file: toolsFile, about: `an example tool (${EXAMPLE.tool}), standing for yours`, text: exampleToolsSource() },
        { file: serviceFiles[0]!, about: 'the simulated service it calls (defineService)', text: exampleServiceSource() },
      ]
    : [];
  const planned: Planned[] = [
    {
      file: join(dir, LAYOUT.config),
      about: 'the suite faultline gate runs: your agent × the scenario, 5 seeds × 3 trials',
      text: configSource({ agent: fromDir(join(dir, LAYOUT.agent)), scenarios: [fromDir(scenarioFile)], services: serviceFiles.map(fromDir), baseline: fromDir(join(dir, LAYOUT.baseline)) }),
    },
    { file: join(dir, LAYOUT.agent), about: 'your agent: put your loop where the TODO is', text: agentSource() },
    ...examples,
    { file: scenarioFile, about: '' },
    { file: workflow.file, about: 'the gate on every pull request', text: workflowSource({ projectDir: workflow.projectDir, baseline: fromDir(join(dir, LAYOUT.baseline)), lockfile: existsSync(join(dir, 'package-lock.json')) }) },
  ];
  const taken = planned.filter((p) => existsSync(p.file));
  if (taken.length && !values.force)
    throw new UsageError(`init: ${taken.length} of the ${planned.length} file(s) it writes exist already (${taken.map((p) => shown(p.file)).join(', ')}); nothing was written. Give --force to overwrite them, or move them away`);

  // The example's scenario is generated from the example's files, as a team's is from theirs: they are written first.
  const created = examples.filter((p) => !existsSync(p.file));
  for (const p of examples) writeAtomic(p.file, p.text!);
  try {
    picked ??= await pick().catch(asInitError);
    if (join(scenarios, picked.file.name) !== scenarioFile) throw new Error(`[faultline] init: generate named the example's scenario ${picked.file.name}, not ${shown(scenarioFile)} (a bug in init)`);
  } catch (error) {
    for (const p of created) rmSync(p.file, { force: true });
    throw error;
  }
  const scenario = planned.find((p) => p.file === scenarioFile)!;
  Object.assign(scenario, { text: picked.file.source, about: picked.file.summary });
  for (const p of planned) if (!examples.includes(p)) writeAtomic(p.file, p.text!);

  console.log(nextSteps(dir, planned, picked, example));
  return 0;
}

/** generate's refusals, said as init's (the flags are the same). */
function asInitError(error: unknown): never {
  if (!(error instanceof UsageError)) throw error;
  const text = error.message.replace(/^\[faultline\] (generate: )?/, '');
  // A team that has no simulated service yet needs one before any scenario can run its tools.
  const hint = text.includes('no service serves')
    ? `\n  No simulated service yet? faultline init without --tools writes an example (faultline/services/shop.ts) to start from`
    : // The scaffold imports faultline from the project: it has to be installed there first.
      /Cannot find (package|module) 'faultline'/.test(text)
      ? `\n  faultline is not installed in this project: npm install --save-dev faultline (see "Use it in your project"), then run init again`
      : '';
  throw new UsageError(`init${text.startsWith('--') ? ' ' : ': '}${text}${hint}`);
}
