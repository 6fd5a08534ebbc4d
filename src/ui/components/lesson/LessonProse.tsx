/**
 * A lesson's text: paragraphs split by a blank line, `code` in backticks as code, and nothing
 * else. Lesson files are authored input: their text is only ever rendered as text nodes.
 */
import { Fragment } from 'react';

/** One line of lesson text with its `code` spans. */
export function LessonInline({ text }: { text: string }) {
  return text.split(/(`[^`\n]+`)/).map((part, j) => (part.length > 2 && part.startsWith('`') && part.endsWith('`')
    ? <code key={j}>{part.slice(1, -1)}</code>
    : <Fragment key={j}>{part}</Fragment>));
}

export function LessonProse({ text, className }: { text: string; className?: string }) {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return (
    <div className={className}>
      {paragraphs.map((p, i) => <p key={i}><LessonInline text={p} /></p>)}
    </div>
  );
}
