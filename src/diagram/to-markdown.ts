/**
 * Trace -> Markdown: a fenced ```mermaid block that GitHub, GitLab, Docusaurus and Obsidian
 * render unmodified, plus a one-line legend (its words are in the catalog, src/i18n). The CLI's
 * `--format markdown` prints this.
 */
import type { Trace } from '../sim/trace';
import { MESSAGES } from '../i18n';
import { toMermaid, type MermaidOptions } from './to-mermaid';

/** Only the fence, for pasting into a Markdown file. */
export function mermaidFence(text: string): string {
  return '```mermaid\n' + text + (text.endsWith('\n') ? '' : '\n') + '```\n';
}

export function toMarkdown(trace: Trace, options: MermaidOptions = {}): string {
  return `${mermaidFence(toMermaid(trace, options))}\n${MESSAGES[options.lang ?? 'en'].mermaid.legend}\n`;
}
