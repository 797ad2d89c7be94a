// A worker thread cannot be started on a .ts file: this registers the TypeScript loader first.
import { register } from 'tsx/esm/api';

register();
await import('./fuzz-worker.ts');
