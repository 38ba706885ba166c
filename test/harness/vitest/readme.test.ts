import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('README: Scenario runs as vitest tests', () => {
  it("shows test/examples/vitest-integration.test.ts byte for byte, importing by the package's name", () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Scenario runs as vitest tests'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    const example = readFileSync('test/examples/vitest-integration.test.ts', 'utf8');
    expect(block).toBe(example);
    expect(example).toContain("from 'faultline/vitest'");
  });

  it('package.json exports faultline/vitest (the sources in this repository, its bundle in dist/ once installed) and no internals', () => {
    const { exports } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(exports['./vitest']).toEqual({ 'faultline-source': './harness/vitest/index.ts', types: './dist/harness/vitest/index.d.ts', default: './dist/bundle/vitest.js' });
    expect(exports['./*']).toBeUndefined();
  });
});
