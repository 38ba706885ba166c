// Worker bootstrap when the harness cannot be bundled (bundle.mjs): TypeScript support first, then the worker proper.
import { register } from 'tsx/esm/api';
// A user file that imports `faultline` gets the sources here too, as in the bundled worker.
import '../source-conditions.mjs';

register();
await import('./worker.ts');
