// Written by `npm run prerender` (e2e/prerender.ts); do not edit by hand.
import text from './default-en.mmd?raw';
import svg from './default-en.svg?raw';

export default { text, svg };
