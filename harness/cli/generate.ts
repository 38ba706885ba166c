import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import { generate } from '../generate/index.ts';
import { checkOutDir, writeAtomic } from './files.ts';

export const generateHelp = `faultline generate — write a fault matrix of scenario files for a deployment's tools and services

  --tools FILE            the tools module, as faultline lint reads it: a .ts/.mts/.js/.mjs module whose default export
                          (or export \`tools\`) is an array or record of tool specs, or a .json file with such an array
  --services PATH[,…]     modules of your own simulated services (defineService, fromMswHandlers); the built-in services
                          are always there. Each tool's endpoint must be served by one of them
  --out DIR               the folder the scenario files are written into (created if missing)
  --seed N                seeds the arguments planned for each call (default 1): the same command writes the same files
  --force                 overwrite files of the same name already in --out

One plain defineScenario file per case: each tool with an effect × a reply lost after commit and a 5xx
after commit (exactly-once); each read tool × reordered parallel replies, transient 429/503 with Retry-After,
a permanent 404, a slow reply past the timeout and a changed response shape; each numeric argument × a
string for it; one call of a tool that does not exist and one runaway loop. Every service is seeded with
its \`example\`, and arguments come from values that world knows. A case that cannot work for the deployment
is not written; the reason is printed.

Exit code: 0 files written, 2 bad input (a tool no service serves, a file that would be overwritten, …).`;

export async function generateCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { tools: { type: 'string' }, services: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '1' }, force: { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) return (console.log(generateHelp), 0);
  if (values.tools === undefined) throw new UsageError('generate: --tools is missing; give the tools module, e.g. --tools tools.ts');
  if (values.out === undefined) throw new UsageError('generate: --out is missing; give the folder to write the scenarios into, e.g. --out scenarios/generated');
  if (!/^\d+$/.test(values.seed)) throw new UsageError(`--seed: expected a whole number ≥ 0 (got "${values.seed}")`);
  const seed = Number(values.seed);
  const serviceFiles = (values.services ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const { deployment, files, skipped } = await generate({ toolsFile: values.tools, serviceFiles, outDir: values.out, seed });
  // Only once the deployment is known to be usable: bad input leaves no folder behind.
  checkOutDir('--out', values.out, 'scenarios/generated');
  const taken = files.filter((f) => existsSync(join(values.out!, f.name)));
  if (taken.length && !values.force)
    throw new UsageError(
      `--out ${values.out}: ${taken.length} of the ${files.length} file(s) exist already (${taken
        .slice(0, 3)
        .map((f) => f.name)
        .join(', ')}${taken.length > 3 ? ', …' : ''}); nothing was written. Give --force to overwrite them, or another --out folder`,
    );
  for (const file of files) writeAtomic(join(values.out, file.name), file.source);

  const width = Math.max(...files.map((f) => f.name.length), 0);
  console.log(`faultline generate: ${files.length} scenario(s) for ${deployment.tools.length} tool(s) of ${values.tools} (seed ${seed}), in ${values.out}`);
  for (const file of files) console.log(`  ${file.name.padEnd(width)}  ${file.summary}`);
  if (skipped.length) console.log(`\nnot written (${skipped.length}):`);
  for (const skip of skipped) console.log(`  ${skip.summary}: ${skip.why}`);
  const warnings = [...new Set(files.flatMap((f) => (f.warning ? [f.warning] : [])))];
  for (const warning of warnings) console.log(`\nwarning: ${warning}`);
  console.log(`\nrun them: npx faultline run --scenario "$(ls ${values.out.replace(/\/+$/, '')}/*.ts | paste -sd, -)" --agent naive,hardened,<your agent module>`);
  return 0;
}
