// Written by `npm run prerender` (e2e/prerender.ts); do not edit by hand.
import type { PrerenderManifest } from '../prerender';

export const PRERENDERED: PrerenderManifest = {
  mermaid: '12.3.0',
  config: '1152fd602732a9',
  entries: {
    '0bc4e8c9cff6ed': { name: 'default-en', probe: 482.92, load: () => import('./default-en') },
    '14647dda7f3a47': { name: 'default-en-phone', probe: 487.18, load: () => import('./default-en-phone') },
    '05376a30334b80': { name: 'default-zh', probe: 706.92, load: () => import('./default-zh') },
    '15e85defb380f4': { name: 'default-zh-phone', probe: 655.18, load: () => import('./default-zh-phone') },
  },
};
