// Worker bootstrap when the harness cannot be bundled (worker-entry.ts): TypeScript support first, then the worker proper.
import { register } from 'tsx/esm/api';

register();
globalThis[Symbol.for('faultline.tsx-registered')] = true;
await import('./worker.ts');
