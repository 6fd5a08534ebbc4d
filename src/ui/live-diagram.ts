/** Settings of the live diagram that the page and `npm run prerender` (default-diagrams.ts) share. */

/** Characters per label line in the live view (about the room between two lifelines). */
export const LIVE_WRAP_AT = 22;
