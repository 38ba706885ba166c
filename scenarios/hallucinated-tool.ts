import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

export default defineScenario({
  id: 'hallucinated-tool',
  title: 'The model invents a pricing tool and retries it on a vague rejection',
  source: { seed: '002', case: 'case 3 (the hallucinated tool)' },
  task: 'Write a short review blurb for the KX-200 blender, with its price and pricing tier.',
  // The deployed prompt names the tools by category, not by name.
  system: 'You are a product-review writer. Use the catalog tools to validate pricing and tier before you write.',
  tools: [tools.lookup_product],
  services: { catalog: { products: [{ sku: 'KX-200', name: 'KX-200 blender', price: 89, tier: 'mid-range' }] } },
  model: {
    persona: 'hallucinator',
    invented: { name: 'fetch_vendor_pricing_v2', input: { sku: 'KX-200' } },
    plan: [{ call: [{ name: 'lookup_product', input: { sku: 'KX-200' } }] }],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a dollar sign before a {{template}} of the scripted model.
    answer: 'The {{lookup_product.name}} sells for ${{lookup_product.price}} in the {{lookup_product.tier}} tier.',
  },
  // The deployed budget the retries ate through (12 in the case's diagram); abort after more than 3 in a row.
  intent: { budget: { toolCalls: 12, modelTurns: 13 }, unknownToolStreakMax: 3 },
  // Where the model never gives up its invention, the streak limit is as far as any agent gets.
  goal: { says: ['$89', 'mid-range'], orStop: ['unknown-tool-streak'] },
  checks: ['unknown-tool-rejected', 'unknown-tool-streak', 'tool-budget'],
  primaryCheck: 'unknown-tool-rejected',
});
