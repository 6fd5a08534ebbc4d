/**
 * A built-in scenario's title and text, by its id. The presets themselves (src/sim/scenarios)
 * hold no prose; catalog.test.ts checks that every one has words in every language.
 */
import type { Messages } from './catalog';
import { lookup } from './lookup';
import type { PresetWords } from './types';

export function presetWords(t: Messages, id: string): PresetWords | undefined {
  return lookup<PresetWords>(t.presets, id);
}
