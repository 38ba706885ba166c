import { quote } from '../generate/source.ts';

export type ConfigPaths = {
  /** Every path relative to the config's folder, starting with ./ as a team writes them. */
  agent: string;
  scenarios: string[];
  services: string[];
  baseline: string;
};

const list = (paths: string[]) => `[${paths.map(quote).join(', ')}]`;

/** The `faultline.config.ts` `faultline init` writes: the suite the gate runs, each field said once. */
export const configSource = (paths: ConfigPaths): string =>
  [
    `// faultline.config.ts: the suite npx faultline gate runs (written by faultline init), on every pull`,
    `// request in CI (.github/workflows/faultline.yml). After an intended change: npx faultline gate`,
    `// --update-baseline, review the baseline's diff, commit it. Paths are relative to this file.`,
    `import { defineConfig } from 'faultline';`,
    ``,
    `export default defineConfig({`,
    `  // Your agent: a module whose default export is an Agent (or a bundled runtime, such as 'hardened').`,
    `  agent: ${quote(paths.agent)},`,
    `  // Scenario files, and built-in scenarios by id ('dropped-ack', …: npx faultline list).`,
    `  scenarios: ${list(paths.scenarios)},`,
    ...(paths.services.length ? [`  // Your simulated services, for every scenario file.`, `  services: ${list(paths.services)},`] : []),
    `  // Each scenario runs on seeds 1..seeds, each seed trials times; pass^k uses k = trials.`,
    `  seeds: 5,`,
    `  trials: 3,`,
    `  // The accepted verdicts, written by npx faultline gate --update-baseline: commit it.`,
    `  baseline: ${quote(paths.baseline)},`,
    `});`,
    ``,
  ].join('\n');
