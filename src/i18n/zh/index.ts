/** The Chinese catalog, whole: type `Messages`, the English catalog's shape. */
import type { Messages } from '../en';
import { fields } from './fields';
import { mermaid } from './mermaid';
import { decisions, narrate, notes } from './narration';
import { page } from './page';
import { presets } from './presets';
import { lesson } from './lesson-view';

export const zh: Messages = { ...page, narrate, decisions, notes, mermaid, presets, fields, lesson };
