// Written by `npm run prerender` (e2e/prerender.ts); do not edit by hand.
import text from './default-zh.mmd?raw';
import svg from './default-zh.svg?raw';

export default { text, svg };
