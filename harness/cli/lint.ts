import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { builtInFile } from '../../scenarios/built-in.ts';
import { loadCatalogue } from '../../scenarios/index.ts';
import { resolveScenarios } from '../../scenarios/load-file.ts';
import { UsageError } from '../errors.ts';
import { formatFinding, lintArtifacts, rules, type Finding } from '../lint/index.ts';
import { loadTools, readText } from '../lint/load.ts';

export const LINT_FORMAT = 'faultline.lint/1';

export const lintHelp = `faultline lint — static checks of a system prompt and its tools, before anything runs

  --prompt FILE           the system prompt (text or Markdown)
  --tools FILE            a .ts/.mts/.js/.mjs module whose default export (or export \`tools\`) is an array or record
                          of tool specs, or a .json file with such an array
  --scenario id|path[,…]  lint scenarios' own system prompt and tools instead: ids (see faultline list) or scenario files
  --json                  print the findings as JSON (format ${LINT_FORMAT})

Rules:
${Object.values(rules)
  .map((r) => `  ${r.id.padEnd(22)}  ${r.description}`)
  .join('\n')}

Each finding prints as file:line: [rule] what is wrong. Fix: what to do.
Exit code: 0 no findings, 1 findings, 2 bad input (a missing file, a tools module without usable tools).`;

// Built-in scenario files are reported relative to the package root, and read from there.
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function lintCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { prompt: { type: 'string' }, tools: { type: 'string' }, scenario: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) return (console.log(lintHelp), 0);
  const artifacts = values.prompt !== undefined || values.tools !== undefined;
  if (artifacts && values.scenario !== undefined) throw new UsageError('lint: give --prompt and --tools, or --scenario, not both');
  if (!artifacts && values.scenario === undefined) throw new UsageError('lint: nothing to lint; give --prompt FILE --tools FILE, or --scenario id|path[,…]. See faultline lint --help');

  const findings: Array<Finding & { scenario?: string }> = [];
  let linted: string;
  if (artifacts) {
    if (values.prompt === undefined || values.tools === undefined) throw new UsageError(`lint: --prompt and --tools go together; ${values.prompt === undefined ? '--prompt' : '--tools'} is missing`);
    const prompt = readText('--prompt', values.prompt);
    const { tools, source } = await loadTools(values.tools);
    findings.push(...lintArtifacts({ prompt, promptFile: values.prompt, tools, toolsFile: values.tools, toolsSource: source }));
    linted = `${values.prompt} and ${tools.length} tool(s) in ${values.tools}`;
  } else {
    const scenarios = await resolveScenarios(list(values.scenario!), loadCatalogue()).catch((error: Error) => {
      throw error instanceof UsageError ? new UsageError(error.message.replace('nothing was run', 'nothing was linted')) : error;
    });
    for (const [ref, scenario] of scenarios) {
      // A built-in is reported as its own file (scenarios/<id>.ts); a user's file as given.
      const builtIn = scenario.id === ref ? builtInFile(ref) : undefined;
      const file = builtIn ?? ref;
      // An installed package has the built-ins compiled (dist/scenarios/<id>.js): lines are found in that.
      const builtInPath = builtIn && [builtIn, builtIn.replace(/\.ts$/, '.js')].map((f) => resolve(packageRoot, f)).find(existsSync);
      const source = readFileSync(builtInPath ?? resolve(ref), 'utf8');
      const found = lintArtifacts({ prompt: scenario.system, promptFile: file, promptSource: source, tools: scenario.tools, toolsFile: file, toolsSource: source });
      findings.push(...found.map((f) => ({ scenario: scenario.id, ...f })));
    }
    linted = `${scenarios.size} scenario(s)`;
  }

  if (values.json) console.log(JSON.stringify({ format: LINT_FORMAT, findings }, null, 2));
  else {
    for (const finding of findings) console.log(formatFinding(finding));
    console.log(findings.length ? `faultline lint: ${findings.length} finding(s) in ${linted}` : `faultline lint: no findings in ${linted}`);
  }
  return findings.length ? 1 : 0;
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
