import { scenarioSchema, type ScenarioInput } from '../scenario';
import type { Preset, PresetGroup } from './presets-types';

/** A preset: a scenario (validated by the schema, defaults filled in) under an id; its words are in the catalog. */
export const preset = (id: string, group: PresetGroup, input: ScenarioInput): Preset =>
  ({ id, group, scenario: scenarioSchema.parse({ ...input, preset: id }) });
