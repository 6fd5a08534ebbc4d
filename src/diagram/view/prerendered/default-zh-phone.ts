// Written by `npm run prerender` (e2e/prerender.ts); do not edit by hand.
import text from './default-zh-phone.mmd?raw';
import svg from './default-zh-phone.svg?raw';

export default { text, svg };
