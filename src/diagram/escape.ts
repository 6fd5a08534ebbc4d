/**
 * The one place where text becomes Mermaid label text. Every label and note the diagram
 * shows is built as plain text first and passes through `escapeLabel` exactly once, as a
 * whole, so user text (topics, payloads, client ids) and our own words are treated alike.
 *
 * Rules this file keeps:
 * - Mermaid ends a statement at `;` and at a line break, starts an entity at `#`, a comment
 *   at `%%`, and would render HTML tags (`<br>`, `<img …>`): all are neutralised, in a single
 *   pass, so an entity we write is never escaped again.
 * - C0/C1 control characters and bidirectional overrides (which could make a label read
 *   backwards) are removed; tabs and line breaks become one space.
 */
const ENTITY: Record<string, string> = {
  '#': '#35;', ';': '#59;', '%': '#37;', '<': '#lt;', '>': '#gt;', '"': '#quot;', '&': '#amp;',
  '{': '#123;', '}': '#125;', '\\': '#92;', '`': '#96;',
};

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeLabel(text: string): string {
  return text
    .replace(/\r\n|[\r\n\t]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/[#;%<>"&{}\\`]/g, (c) => ENTITY[c]);
}

/** At most `max` characters (code points, so an emoji is never cut in half), `…` when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** A participant id as a Mermaid identifier: letters, digits and `_` only. */
export function toIdentifier(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(safe) ? safe : `p_${safe}`;
}
