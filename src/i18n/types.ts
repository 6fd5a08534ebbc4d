/**
 * The shapes of catalog entries. A template turns a trace event's params (participant ids
 * already in the reader's words) into a sentence; it formats, it never decides.
 */
import type { Params as NarrationParams } from '../sim/trace';

export type { NarrationParams };
export type Template = (p: NarrationParams) => string;

/** A diagram note: the event's params and the name of the participant it is about ('' for the whole run). */
export type NoteTemplate = (p: NarrationParams, who: string) => string;

/** A built-in scenario's words: the picker's option and the story shown under it. */
export interface PresetWords { title: string; text: string }
