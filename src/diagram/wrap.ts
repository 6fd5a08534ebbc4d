/**
 * Line breaking for diagram labels, done on plain text before escaping (so an entity is never
 * cut in two, as Mermaid's own `wrap` does to long words). Breaks only at spaces, and between
 * Chinese characters; a long word (a topic, a payload) stays whole on its own line.
 * Widths are estimated in "narrow characters": a CJK character counts as two.
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

const width = (s: string) => Array.from(s).reduce((n, c) => n + (WIDE.test(c) ? 2 : 1), 0);

/** Split into tokens that may be placed on separate lines, each with the space that follows it. */
function tokens(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(/(?<= )/)) {
    if (!WIDE.test(word)) {
      out.push(word);
      continue;
    }
    // Chinese: every wide character is a place to break; runs of narrow ones stay together.
    out.push(...(word.match(/[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+ ?|\S ?/gu) ?? [word]));
  }
  return out;
}

/** A tail this short stays on the line before it (no `1)` alone on a line). */
const WIDOW = 4;
/** A line this short takes the next word too (no `⚠` alone on a line). */
const LONE = 2;

/** Greedy lines of at most `max` narrow characters (a single longer token gets a line of its own). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  const all = tokens(text);
  all.forEach((t, i) => {
    const rest = width(all.slice(i).join('').trim());
    if (width(line.trim()) > LONE && width(line.trimEnd() + t.trimEnd()) > max && !(rest <= WIDOW && width(line) + rest <= max + WIDOW)) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += t;
  });
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length ? lines : [text];
}
