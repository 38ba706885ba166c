// In a source checkout (a clone, npm link), a module faultline loads that imports `faultline` (a test
// fixture, a scenario file in the clone) gets the sources, as faultline itself runs them: package.json
// exports them under the "faultline-source" condition, and this adds that condition to every import
// of this thread. An installed package never loads this file, so it resolves dist/. Hooks are per
// thread: typescript.ts loads it before a thread's first user module, the tsx fallbacks (bin, worker.mjs) at their start.
import { register } from 'node:module';

register('data:text/javascript,export function resolve(specifier, context, next) { return next(specifier, { ...context, conditions: [...context.conditions, "faultline-source"] }); }');
