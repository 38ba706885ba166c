import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Where `faultline init` puts each file, from the project's folder: everything of faultline's in one folder beside its config. */
export const LAYOUT = {
  config: 'faultline.config.ts',
  agent: 'faultline/agent.ts',
  scenarios: 'faultline/scenarios',
  baseline: 'faultline/baseline.json',
  workflow: '.github/workflows/faultline.yml',
} as const;

/**
 * Where the workflow goes: GitHub reads workflows only from the repository's root, so a project in
 * a subfolder (a monorepo's package) gets its workflow there, running in the project's folder.
 * Outside a git repository, the project's folder is taken for the root.
 */
export function workflowPlace(dir: string): { file: string; root: string; projectDir: string } {
  const project = resolve(dir);
  let root = project;
  for (let at = project; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) {
      root = at;
      break;
    }
    if (dirname(at) === at) break;
  }
  return { file: join(root, LAYOUT.workflow), root, projectDir: relative(root, project).split(sep).join('/') };
}

/** A path as one types it in the current folder (what messages and next steps name). */
export const shown = (file: string): string => relative(process.cwd(), resolve(file)) || '.';
