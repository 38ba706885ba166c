// Worker bootstrap when the harness cannot be bundled (bundle.mjs): TypeScript support first, then the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
