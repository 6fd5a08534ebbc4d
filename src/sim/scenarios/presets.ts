/**
 * Built-in scenarios: the lesson's flows and the lab's experiments. A preset is only a scenario
 * under an id; it runs through the same engine as everything else. Its title and teaching text
 * are in the catalog, by id (src/i18n/en/presets.ts, zh/presets.ts): sim/ holds no prose.
 */
import type { PacketType, QoS } from '../../mqtt/types';
import type { Preset, PresetGroup } from './presets-types';
import { preset } from './preset';
import { BROKER, LOSS, SESSIONS } from './presets-experiments';
import { V5 } from './presets-v5';

export type { Preset, PresetGroup };

/** The lesson's flows: one message, publisher QoS `pub`, subscriber QoS `sub`. */
const flow = (pub: QoS, sub: QoS) =>
  preset(`pub${pub}-sub${sub}`, 'lesson', { publishers: [{ qos: pub }], subscribers: [{ qos: sub }] });

const LESSON: Preset[] = [flow(0, 0), flow(1, 1), flow(2, 2), flow(2, 0), flow(0, 2), flow(2, 1), flow(1, 2)];

const HOP = { in: ['publisher', 'broker'], out: ['broker', 'subscriber'] } as const;

/** One packet of a QoS 1 or 2 exchange dropped on the publisher's hop (`in`) or the subscriber's (`out`). */
function lost(qos: 1 | 2, type: PacketType, hop: 'in' | 'out'): Preset {
  // PUBLISH and PUBREL travel with the message (sender -> receiver); the acks travel back.
  const forward = type === 'PUBLISH' || type === 'PUBREL';
  const [a, b] = HOP[hop];
  const [from, to] = forward ? [a, b] : [b, a];
  return preset(`qos${qos}-drop-${type.toLowerCase()}-${hop}`, 'lost',
    { publishers: [{ qos }], subscribers: [{ qos }], faults: [{ kind: 'drop', type, nth: 1, from, to }] });
}

const LOST: Preset[] = [
  preset('qos0-lost', 'lost',
    { publishers: [{ qos: 0 }], subscribers: [{ qos: 0 }], faults: [{ kind: 'drop', type: 'PUBLISH', nth: 1, from: 'publisher', to: 'broker' }] }),
  lost(1, 'PUBLISH', 'in'), lost(1, 'PUBLISH', 'out'),
  lost(1, 'PUBACK', 'in'), lost(1, 'PUBACK', 'out'),
  lost(2, 'PUBLISH', 'in'), lost(2, 'PUBREC', 'in'), lost(2, 'PUBREL', 'in'), lost(2, 'PUBCOMP', 'in'),
  lost(2, 'PUBLISH', 'out'), lost(2, 'PUBREC', 'out'), lost(2, 'PUBREL', 'out'), lost(2, 'PUBCOMP', 'out'),
];

export const PRESETS: Preset[] = [...LESSON, ...LOST, ...LOSS, ...SESSIONS, ...BROKER, ...V5];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
