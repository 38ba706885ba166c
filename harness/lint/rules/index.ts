import type { Rule, RuleId } from '../types.ts';
import { exampleInvalid } from './example-invalid.ts';
import { exampleUnchecked } from './example-unchecked.ts';
import { noTarget } from './no-target.ts';
import { notIdempotent } from './not-idempotent.ts';
import { numericStrict } from './numeric-strict.ts';
import { numericType } from './numeric-type.ts';
import { noStopCriterion } from './stop-criterion.ts';
import { unknownTool } from './unknown-tool.ts';
import { unlistedTool } from './unlisted-tool.ts';

/** Every lint rule by id; adding a rule is one file and one entry here. */
export const rules: Record<RuleId, Rule> = {
  'unknown-tool': unknownTool,
  'unlisted-tool': unlistedTool,
  'no-stop-criterion': noStopCriterion,
  'example-invalid': exampleInvalid,
  'example-unchecked': exampleUnchecked,
  'numeric-type': numericType,
  'numeric-strict': numericStrict,
  'not-idempotent': notIdempotent,
  'no-target': noTarget,
};
