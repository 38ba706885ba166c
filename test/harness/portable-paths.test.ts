import { describe, expect, it } from 'vitest';
import { portablePaths } from '../../harness/portable-paths.ts';

describe('portablePaths', () => {
  it("writes the project's folder as <project>/, in paths and file URLs, and leaves other folders alone", () => {
    const here = process.cwd();
    expect(portablePaths(`at f (${here}/node_modules/x/index.js:1:2) | at g (file://${here}/a.ts:3:4)`)).toBe('at f (<project>/node_modules/x/index.js:1:2) | at g (file://<project>/a.ts:3:4)');
    expect(portablePaths(`${here}-other/a.js and /elsewhere/b.js`)).toBe(`${here}-other/a.js and /elsewhere/b.js`);
  });
});
