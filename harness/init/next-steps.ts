import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathFrom } from '../generate/render.ts';
import { LAYOUT, shown, workflowPlace } from './layout.ts';
import type { Picked } from './pick.ts';

export type Written = { file: string; about: string };

/**
 * What `faultline init` prints once it has written: each file and what it is, then the commands
 * to run next, in order, from the project's folder, and what the team will see (the first run
 * fails, on purpose). Notes follow for what the project still lacks for the workflow to work.
 */
export function nextSteps(dir: string, written: Written[], picked: Picked, example: boolean): string {
  const width = Math.max(...written.map((w) => shown(w.file).length));
  // As typed in the project's folder, where the config is: `./` only where faultline needs it (an agent module).
  const scenario = pathFrom(dir, join(dir, LAYOUT.scenarios, picked.file.name)).slice(2);
  const agent = pathFrom(dir, join(dir, LAYOUT.agent));
  const baseline = pathFrom(dir, join(dir, LAYOUT.baseline)).slice(2);
  const effect = /-(lost-reply|error-after-commit)$/.test(picked.file.id);
  const lines = [
    `faultline init: wrote ${written.length} file(s)`,
    ...written.map((w) => `  ${shown(w.file).padEnd(width)}  ${w.about}`),
    ...(picked.file.warning ? ['', `warning: ${picked.file.warning}`] : []),
    '',
    'next:',
    ...(shown(dir) === '.' ? [] : [`  cd ${shown(dir)}`]),
    `  1. npx faultline run --scenario ${scenario} --agent hardened,${agent}`,
    effect
      ? `     hardened (bundled) passes it; the placeholder loop in ${agent} fails exactly-once: it sends the lost call again with no Idempotency-Key (exit code 1)`
      : `     hardened (bundled) to compare with; each run that fails is listed with the check it failed and the command that replays it (exit code 1)`,
    `  2. put your loop where the TODO is in ${agent} (what it must do: node_modules/faultline/docs/contract.md), and run 1 again`,
    ...(example ? [`     then replace the example tool and service with yours; npx faultline generate --tools … --out faultline/scenarios writes their scenarios`] : []),
    `  3. npx faultline gate --update-baseline   writes ${baseline}: commit it with the files above`,
    `  4. npx faultline gate                     what CI runs on every pull request: exit 1 on a regression against the baseline`,
  ];
  if (!ignoresOutput(dir)) lines.push('', 'note: add faultline-out/ to .gitignore: runs and the gate write their results and reports there');
  if (!existsSync(join(dir, 'package-lock.json'))) lines.push('', 'note: the workflow runs npm ci, which needs a committed package-lock.json (npm install writes it)');
  return lines.join('\n');
}

const ignoresOutput = (dir: string): boolean => [dir, workflowPlace(dir).root].some((d) => existsSync(join(d, '.gitignore')) && /^\/?faultline-out\/?\s*$/m.test(readFileSync(join(d, '.gitignore'), 'utf8')));
