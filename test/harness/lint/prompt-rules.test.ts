import { describe, expect, it } from 'vitest';
import { formatFinding, lintArtifacts } from '../../../harness/lint/index.ts';
import { lint, namedPrompt, only, tool } from './helpers.ts';

const lookupProduct = tool('lookup_product', { responseSchema: { type: 'object', properties: { sku: { type: 'string' }, list_price: { type: 'number' } } } });

describe('unknown-tool', () => {
  it('prints like a compiler, with the registered tools when no name is close (seed 002 case 3)', () => {
    const [finding, ...rest] = only(lint(namedPrompt([lookupProduct], 'Validate the tier with fetch_vendor_pricing_v2(sku).'), [lookupProduct]), 'unknown-tool');
    expect(rest).toEqual([]);
    expect(formatFinding(finding!)).toBe('prompt.md:2: [unknown-tool] the prompt names fetch_vendor_pricing_v2, which is not a registered tool. Fix: register it or remove it from the prompt (registered: lookup_product)');
  });

  it('suggests the registered name a misspelt one is close to', () => {
    const [finding] = only(lint(namedPrompt([lookupProduct], 'Check stock with `lookup_prodcut`.'), [lookupProduct]), 'unknown-tool');
    expect(finding).toMatchObject({ line: 2, tool: 'lookup_prodcut', message: expect.stringContaining('(did you mean lookup_product?)'), fix: 'write lookup_product, or register lookup_prodcut' });
    const camel = only(lint(namedPrompt([lookupProduct], 'Use lookupProduct for prices.'), [lookupProduct]), 'unknown-tool');
    expect(camel[0]?.message).toContain('did you mean lookup_product?');
  });

  it.each([
    ['backticked', 'Prices come from `fetch_price`.'],
    ['called', 'Prices come from price_lookup(sku).'],
    ['used', 'Use get_price to read prices.'],
    ['named a tool', 'The search_catalog tool finds products.'],
    ['said to return', 'fetch_price returns the list price.'],
    ['tagging a fenced example', '```json fetch_price\n{"sku": "A1"}\n```'],
  ])('finds a name %s', (_, text) => {
    const found = only(lint(namedPrompt([lookupProduct], text), [lookupProduct]), 'unknown-tool');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(2);
  });

  it('reports each unknown name once, at its first mention', () => {
    const prompt = namedPrompt([lookupProduct], 'Call fetch_price first.\nIf fetch_price fails, call fetch_price again.');
    expect(only(lint(prompt, [lookupProduct]), 'unknown-tool')).toMatchObject([{ line: 2, tool: 'fetch_price' }]);
  });

  it('does not take fields, plain words or example contents for tools', () => {
    const prompt = namedPrompt(
      [lookupProduct],
      [
        'Report the `order_id` and whether has_more is set; use next_page to continue.', // not verb-first
        'Quote the list_price of lookup_product.', // a declared field, verb-first or not
        'Be read-only and write one-paragraph answers.', // hyphenated English
        'lookup_product returns {"sku": "A1", "get_rate": 2}', // inside an inline example
        '```json lookup_product\n{"sku": "A1", "fetch_code": "x"}\n```', // inside a fenced example
        'Open tickets appear under open_tickets.', // verb-first, but not spoken of as a tool
      ].join('\n'),
    );
    expect(only(lint(prompt, [lookupProduct]), 'unknown-tool')).toEqual([]);
  });
});

describe('unlisted-tool', () => {
  const tools = [tool('lookup_person'), tool('lookup_award')];

  it('fires once per registered tool the prompt never names, at the category phrase it uses instead (seed 002 case 6)', () => {
    const findings = only(lint('You are a research assistant.\nUse the available tools to research the question. Stop when you have a title.', tools), 'unlisted-tool');
    expect(findings).toMatchObject([
      { line: 2, tool: 'lookup_person', message: 'the prompt never names lookup_person, a registered tool (it speaks of "the available tools" instead)' },
      { line: 2, tool: 'lookup_award' },
    ]);
    expect(findings[0]!.fix).toBe('name every tool in the prompt, e.g. "Your tools: lookup_person, lookup_award. No other tools exist."');
  });

  it('reports a partial list at the line of the list, and is silent when every tool is named', () => {
    expect(only(lint('Be brief.\nUse lookup_person for titles. Stop when you have one.', tools), 'unlisted-tool')).toMatchObject([{ line: 2, tool: 'lookup_award' }]);
    expect(only(lint(namedPrompt(tools), tools), 'unlisted-tool')).toEqual([]);
  });
});

describe('no-stop-criterion', () => {
  const tools = [tool('lookup_person')];
  const stops = (text: string) => only(lint(`Use lookup_person.\n${text}`, tools), 'no-stop-criterion').length === 0;

  it.each([
    // Seed 002 case 6's rewritten prompt.
    "Compose your one-paragraph answer as soon as you have the person's full name, current title and employer, and primary career milestone. Additional facts are not required.",
    // Every phrase the scripted model's own STOP_CRITERION recognises.
    'Answer as soon as you have the title.',
    'Stop calling tools once the title is known.',
    'Stop researching when the title is known.',
    'Make no further calls after the first result.',
    'Use no further tools after that.',
    'Additional facts are not required.',
    // Caps and completion steps.
    'Make at most 5 tool calls.',
    'Use no more than three lookups.',
    'Once you have the title, answer.',
    'Look each person up, then write the card.',
    'Report the order id when done.',
  ])('accepts %j', (text) => expect(stops(text)).toBe(true));

  it.each([
    'Use the available tools to research the question fully before composing your answer.', // seed 002 case 6, as deployed
    'Use list_products and read every page before you answer.',
    'Research fully, then write your answer.', // a completion step after open-ended work bounds nothing
    'Never stop researching.',
    'No other tools exist.',
    'Use lookup_person to read records.',
  ])('rejects %j', (text) => expect(stops(text)).toBe(false));

  it('is reported at the open-ended instruction, naming it, else at line 1', () => {
    const [finding] = only(lint('Use lookup_person.\nBe kind.\nResearch thoroughly before you answer.', tools), 'no-stop-criterion');
    expect(finding).toMatchObject({ line: 3, message: expect.stringContaining('asks for open-ended work ("thoroughly")') });
    expect(only(lint('Use lookup_person.', tools), 'no-stop-criterion')).toMatchObject([{ line: 1 }]);
  });
});

describe('a prompt inside a source file (a scenario)', () => {
  it('is reported at the source lines of the prompt, even where the source breaks a prompt line in two', () => {
    const source = ['export default defineScenario({', "  task: 'Write a biography.',", '  system:', "    'You are an assistant. ' +", "    'Use `fetch_bio` and research fully.\\n' +", "    'Be kind.',", '});'].join('\n');
    const prompt = 'You are an assistant. Use `fetch_bio` and research fully.\nBe kind.';
    const findings = lintArtifacts({ prompt, promptFile: 'scenario.ts', promptSource: source, tools: [tool('lookup_person')], toolsFile: 'scenario.ts', toolsSource: source });
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual(['4 unlisted-tool', '5 unknown-tool', '5 no-stop-criterion']);
    // Text the file does not hold (a prompt built at run time) is placed at `system:`.
    const elsewhere = lintArtifacts({ prompt: 'Research fully.', promptFile: 'scenario.ts', promptSource: source, tools: [], toolsFile: 'scenario.ts', toolsSource: source });
    expect(elsewhere).toMatchObject([{ line: 3, rule: 'no-stop-criterion' }]);
  });
});
