// Written by `npm run prerender` (e2e/prerender.ts); do not edit by hand.
import text from './default-en-phone.mmd?raw';
import svg from './default-en-phone.svg?raw';

export default { text, svg };
