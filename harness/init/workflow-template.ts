export type WorkflowOptions = {
  /** The project's folder from the repository's root ('' at the root): the gate runs there. */
  projectDir: string;
  /** The baseline from the project's folder, for the comment. */
  baseline: string;
  /** Whether the project has a package-lock.json, for setup-node's npm cache (which fails the job without one). */
  lockfile: boolean;
};

/**
 * The `.github/workflows/faultline.yml` `faultline init` writes: the gate on every pull request,
 * its summary on the job's page and its reports kept as an artifact, both also when it failed.
 */
export function workflowSource({ projectDir, baseline, lockfile }: WorkflowOptions): string {
  const at = (path: string) => (projectDir ? `${projectDir}/${path}` : path);
  return [
    `# .github/workflows/faultline.yml: the faultline gate on every pull request (written by faultline init).`,
    `# It fails on a regression against the committed baseline (${at(baseline.replace(/^\.\//, ''))}); the gate's`,
    `# summary goes to the run's summary page, and its reports (report.html, results.json, junit.xml, the`,
    `# histories) are kept as the artifact faultline-reports, also when the gate failed.`,
    `name: faultline`,
    ``,
    `on:`,
    `  pull_request:`,
    ``,
    `permissions:`,
    `  contents: read`,
    ``,
    `jobs:`,
    `  gate:`,
    `    runs-on: ubuntu-latest`,
    `    timeout-minutes: 30`,
    ...(projectDir ? [`    defaults:`, `      run:`, `        working-directory: ${projectDir}`] : []),
    `    steps:`,
    `      - uses: actions/checkout@v4`,
    `      - uses: actions/setup-node@v4`,
    `        with:`,
    `          node-version: 20`,
    ...(lockfile ? [`          cache: npm`, ...(projectDir ? [`          cache-dependency-path: ${at('package-lock.json')}`] : [])] : []),
    `      - run: npm ci`,
    `      - name: faultline gate`,
    `        run: npx faultline gate --reporter md,junit,html --out faultline-out`,
    `      - name: Gate summary`,
    `        if: always()`,
    `        run: if [ -f faultline-out/summary.md ]; then cat faultline-out/summary.md >> "$GITHUB_STEP_SUMMARY"; fi`,
    `      - name: Keep the reports`,
    `        if: always()`,
    `        uses: actions/upload-artifact@v4`,
    `        with:`,
    `          name: faultline-reports`,
    `          path: ${at('faultline-out')}`,
    `          if-no-files-found: ignore`,
    ``,
  ].join('\n');
}
