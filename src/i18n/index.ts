/**
 * src/i18n: the one catalog of English and Chinese text, and the pure helpers that format it.
 * A leaf layer: it imports only types from mqtt/ and sim/ (decision keys, trace params), so
 * every layer above may read it, the page's React hook (ui/i18n) as much as the diagram writer
 * and the CLI (eslint.config.js enforces it).
 */
export { MESSAGES, type Messages } from './catalog';
export { detectLang, LANGS, type Lang } from './lang';
export { contractName } from './contract-name';
export { narrate, narrateStep } from './narrate';
export { presetWords } from './preset-words';
export { lookup } from './lookup';
export type { NarrationParams, NoteTemplate, PresetWords, Template } from './types';
