// `node --import ./src/testing/electron/register.mjs …`: every `import … from 'electron'` gets the stand-in.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
