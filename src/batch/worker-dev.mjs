// Worker entry when running from the TypeScript sources (vitest, tsx): registers tsx in this thread, then
// loads the real worker. The built CLI uses out/cli/batch-worker.cjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
