import { defineConfig } from './harness/config.ts';

// The project's own gate: the bundled hardened runtime over the whole catalogue. CI runs
// `npx faultline gate`; after an intended change, `npx faultline gate --update-baseline` and commit the diff.
export default defineConfig({
  agent: 'hardened',
  scenarios: 'all',
  seeds: 5,
  trials: 3,
  baseline: 'evals/baselines/hardened.json',
  // The deployment's own artifacts: linted before the suite runs; a finding fails the gate.
  lint: { prompt: 'evals/deployment/system-prompt.md', tools: 'evals/deployment/tools.ts' },
});
