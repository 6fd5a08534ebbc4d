/**
 * Golden diagrams: the Mermaid text of every built-in preset, reviewed by eye once and kept
 * in __golden__/<preset>.mmd. A change of the diagram (or of the engine) shows up as a diff;
 * after reviewing it, `npx vitest run src/diagram -u` rewrites the files.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../sim/scenarios/presets';
import { runScenario } from '../sim/lab';
import { toMermaid, toMermaidWithMap } from './to-mermaid';

describe('golden diagrams of the presets', () => {
  for (const preset of PRESETS) {
    it(preset.id, async () => {
      const { trace } = runScenario(preset.scenario);
      const text = toMermaid(trace);
      await expect(text).toMatchFileSnapshot(`./__golden__/${preset.id}.mmd`);
      // Every drawn message and note is mapped to the event that reveals it.
      const { items } = toMermaidWithMap(trace);
      const drawn = text.split('\n').filter((l) => /^\s*Note over |^\s*\w+--?(>>|x)\w+:/.test(l));
      expect(drawn).toHaveLength(items.length);
    });
  }
});
