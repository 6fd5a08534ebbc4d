/**
 * Trace -> Markdown: a fenced ```mermaid block that GitHub, GitLab, Docusaurus and Obsidian
 * render unmodified, plus a one-line legend. The CLI's `--format markdown` prints this.
 */
import type { Trace } from '../sim/trace';
import { toMermaid, type MermaidOptions } from './to-mermaid';

const LEGEND = {
  en: '_Solid arrows: requests; dotted: acknowledgements; ✗ a packet lost with its connection; shaded: retransmissions (DUP=1, re-sent PUBREL)._',
  zh: '_实线：请求；虚线：确认；✗ 随连接丢失的报文；底色：重传（DUP=1、重发的 PUBREL）。_',
};

/** Only the fence, for pasting into a Markdown file. */
export function mermaidFence(text: string): string {
  return '```mermaid\n' + text + (text.endsWith('\n') ? '' : '\n') + '```\n';
}

export function toMarkdown(trace: Trace, options: MermaidOptions = {}): string {
  return `${mermaidFence(toMermaid(trace, options))}\n${LEGEND[options.lang ?? 'en']}\n`;
}
