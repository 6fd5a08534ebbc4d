/**
 * The English catalog, whole: its shape is `Messages`, which the Chinese catalog must match
 * key for key (the compiler checks it; catalog.test.ts checks arrays and empty strings too).
 */
import { fields } from './fields';
import { mermaid } from './mermaid';
import { decisions, narrate, notes } from './narration';
import { page } from './page';
import { presets } from './presets';
import { lesson } from './lesson-view';

export const en = {
  ...page,
  narrate,
  decisions,
  notes,
  /** The sequence diagram's notes, captions and label words (src/diagram). */
  mermaid,
  /** Built-in scenarios' titles and texts, by preset id. */
  presets,
  /** The packet inspector's line per codec field. */
  fields,
  /** The Lesson view. */
  lesson,
};

export type Messages = typeof en;
