/**
 * Pure helpers around scenarios for Node, tests and the worker: URL hash with validation,
 * scenario validation, drop-rule notation. (The page itself uses hash.ts, which has no zod.)
 */
import { parseScenario, defaultScenario, type Scenario, type Parsed } from '../sim/scenario';
import { parseScenarioHash, scenarioToHash } from './hash';

export { parseScenario, defaultScenario, scenarioToHash };
export { parseDropRule, formatDropRule } from '../sim/drop-rule';
export type { Scenario, ScenarioInput, Fault, DropRule, Parsed } from '../sim/scenario';

/** Parse and validate a location hash; an empty hash is the default scenario. */
export function scenarioFromHash(hash: string): Parsed<Scenario> {
  const raw = parseScenarioHash(hash);
  if (!raw.ok) return raw;
  const parsed = parseScenario(raw.value);
  return parsed.ok ? parsed : { ok: false, error: `This link's scenario is not valid: ${parsed.error}` };
}
