/**
 * The one place where user text (topics, payloads, client ids) becomes Mermaid label text.
 * Mermaid ends a statement at `;` and a newline, starts an entity at `#`, a comment at `%%`,
 * and would render HTML tags: all of them are neutralised here, once, in a single pass (so
 * an entity we write is never escaped again).
 */
const ENTITY: Record<string, string> = {
  '#': '#35;', ';': '#59;', '%': '#37;', '<': '#lt;', '>': '#gt;', '"': '#quot;', '&': '#amp;',
  '{': '#123;', '}': '#125;', '\\': '#92;', '`': '#96;',
};

export function escapeLabel(text: string): string {
  return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[#;%<>"&{}\\`]/g, (c) => ENTITY[c]);
}
