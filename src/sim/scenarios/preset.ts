import { scenarioSchema, type ScenarioInput } from '../scenario';
import type { Preset, PresetGroup, Text } from './presets-types';

/** A preset: a scenario (validated by the schema, defaults filled in) plus its words. */
export const preset = (id: string, group: PresetGroup, title: Text, text: Text, input: ScenarioInput): Preset =>
  ({ id, group, title, text, scenario: scenarioSchema.parse({ ...input, preset: id }) });
