import { describe, expect, it } from 'vitest';
import { lint, namedPrompt, only, tool } from './helpers.ts';

// Seed 002 case 5: v1 named the speakers; v2 moved them into an array ordered by billing.
const v1 = { type: 'object', properties: { title: { type: 'string' }, primary: { type: 'string' }, secondary: { type: 'string' } }, required: ['title', 'primary', 'secondary'] };
const v2 = { type: 'object', properties: { title: { type: 'string' }, speakers: { type: 'array', items: { type: 'string' } } }, required: ['title', 'speakers'] };
const episode = (responseSchema?: Record<string, unknown>) => tool('lookup_episode', responseSchema ? { responseSchema } : {});
const v1Example = '{"title": "Pilot", "primary": "Jo Ames", "secondary": "Sam Roe"}';

describe('example-invalid', () => {
  it.each([
    ['```json lookup_episode', '```'],
    ['```lookup_episode', '```'],
    ['~~~ lookup_episode response', '~~~'],
  ])('checks a fenced example %s against the declared responseSchema', (open, close) => {
    const prompt = namedPrompt([episode()], `It answers:\n${open}\n${v1Example}\n${close}`);
    expect(only(lint(prompt, [episode(v1)]), 'example-invalid')).toEqual([]);
    expect(only(lint(prompt, [episode(v2)]), 'example-invalid')).toEqual([
      {
        file: 'prompt.md',
        line: 3,
        rule: 'example-invalid',
        tool: 'lookup_episode',
        message: "the worked example of lookup_episode's response does not match its declared responseSchema: speakers: missing (expected array)",
        fix: 'update the example to the shape lookup_episode returns now (or, if the example is right, the responseSchema)',
      },
    ]);
  });

  it('checks an inline "tool returns {…}" example, as the catalogue writes them', () => {
    const prompt = namedPrompt([episode()], `Worked example: lookup_episode returns ${v1Example}. The primary speaker is the host.`);
    expect(only(lint(prompt, [episode(v1)]), 'example-invalid')).toEqual([]);
    expect(only(lint(prompt, [episode(v2)]), 'example-invalid')).toMatchObject([{ line: 2, message: expect.stringContaining('speakers: missing') }]);
  });

  it('finds an example that is not JSON', () => {
    const prompt = namedPrompt([episode()], '```json lookup_episode\n{"title": "Pilot", primary: "Jo"}\n```');
    expect(only(lint(prompt, [episode(v1)]), 'example-invalid')).toMatchObject([{ line: 2, message: expect.stringMatching(/^the worked example of lookup_episode's response is not JSON \(/) }]);
  });

  it('checks an example tagged input against the input schema (seed 002 case 7: "10" for an integer)', () => {
    const compute = tool('compute_inventory', { input_schema: { type: 'object', properties: { daily_units: { type: 'integer' } }, additionalProperties: false } });
    const prompt = (value: string) => namedPrompt([compute], `Call it like this:\n\`\`\`json compute_inventory input\n{"daily_units": ${value}}\n\`\`\``);
    expect(only(lint(prompt('10'), [compute]), 'example-invalid')).toEqual([]);
    expect(only(lint(prompt('"10"'), [compute]), 'example-invalid')).toMatchObject([{ line: 3, message: expect.stringContaining('does not match its declared input_schema: daily_units:') }]);
  });

  it('ignores fences tagged with a language only', () => {
    expect(only(lint(namedPrompt([episode(v2)], '```json\n{"anything": 1}\n```'), [episode(v2)]), 'example-invalid')).toEqual([]);
  });
});

describe('example-unchecked', () => {
  it('fires for an example of a tool that declares no responseSchema, and not once it declares one', () => {
    const prompt = namedPrompt([episode()], `\`\`\`json lookup_episode\n${v1Example}\n\`\`\``);
    expect(only(lint(prompt, [episode()]), 'example-unchecked')).toMatchObject([
      { line: 2, tool: 'lookup_episode', message: expect.stringContaining('lookup_episode declares no responseSchema'), fix: 'declare responseSchema on lookup_episode (the JSON Schema of a successful reply)' },
    ]);
    expect(only(lint(prompt, [episode(v1)]), 'example-unchecked')).toEqual([]);
  });

  it('fires when the declared schema is not one zod can read', () => {
    const prompt = namedPrompt([episode()], `\`\`\`json lookup_episode\n${v1Example}\n\`\`\``);
    const [finding] = only(lint(prompt, [episode({ type: 'object', properties: { title: { type: 'strnig' } } })]), 'example-unchecked');
    expect(finding?.message).toMatch(/cannot be checked: its responseSchema is not JSON Schema zod can read/);
  });
});
