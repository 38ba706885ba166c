import { describe, expect, it } from 'vitest';
import { gateModelHelp } from '../../../harness/cli/gate-model.ts';
import { modelHelp } from '../../../harness/cli/model-flags.ts';

describe('--concurrency in --help', () => {
  it('says what the default is: one worker, and another while a core is free of other work (supervisor.ts)', () => {
    for (const help of [modelHelp, gateModelHelp]) {
      const concurrency = help.slice(help.indexOf('--concurrency N')).replace(/\s+/g, ' ');
      expect(concurrency).not.toContain('default: one per core');
      expect(concurrency).toContain('default: one worker, and another while a core is free of other processes');
    }
  });
});
