import type { Scenario } from '../scenario';

export type PresetGroup = 'lesson' | 'lost' | 'sessions' | 'broker' | 'v5';
/** A built-in scenario. Its title and teaching text are in the catalog, by `id` (src/i18n, `presets`). */
export interface Preset {
  id: string;
  group: PresetGroup;
  scenario: Scenario;
}
