import { describe, expect, it } from 'vitest';
import { isAgentModule } from '../../../harness/agents/load.ts';
import { refuseRepeats } from '../../../harness/cli/repeats.ts';
import { isScenarioFile } from '../../../scenarios/load-file.ts';

describe('refuseRepeats', () => {
  it('accepts a list that names each entry once, names and paths mixed', () => {
    expect(() => refuseRepeats('--agent', ['naive', 'hardened', './a.ts', 'b/a.ts'], isAgentModule)).not.toThrow();
    expect(() => refuseRepeats('--scenario', ['dropped-ack', 'first.ts'], isScenarioFile)).not.toThrow();
  });

  it('refuses a name given twice, naming it and the flag (exit 2)', () => {
    expect(() => refuseRepeats('--agent', ['hardened', 'naive', 'hardened'], isAgentModule)).toThrow(expect.objectContaining({ exitCode: 2, message: '[faultline] --agent: "hardened" is given twice; give each once' }));
    expect(() => refuseRepeats('--scenario', ['dropped-ack', 'dropped-ack'], isScenarioFile)).toThrow('--scenario: "dropped-ack" is given twice');
  });

  it('refuses one file spelled two ways, naming both spellings and the file', () => {
    expect(() => refuseRepeats('--agent', ['./agents/a.ts', 'agents/a.ts'], isAgentModule, '/repo')).toThrow('--agent: "./agents/a.ts" and "agents/a.ts" are the same file (/repo/agents/a.ts); give each once');
  });

  it('lists every repeat at once, each once', () => {
    expect(() => refuseRepeats('--scenario', ['x', 'x', 'x', 'y.ts', './y.ts'], isScenarioFile, '/repo')).toThrow('--scenario: "x" is given twice; "y.ts" and "./y.ts" are the same file (/repo/y.ts); give each once');
  });
});
