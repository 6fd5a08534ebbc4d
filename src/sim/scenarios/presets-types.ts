import type { Scenario } from '../scenario';

export type PresetGroup = 'lesson' | 'lost' | 'sessions' | 'broker';
export interface Text { en: string; zh: string }
export interface Preset {
  id: string;
  group: PresetGroup;
  title: Text;
  text: Text;
  scenario: Scenario;
}
