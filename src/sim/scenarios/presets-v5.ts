/**
 * MQTT 5.0 presets: what 5.0 changed about QoS, each shown happening. Reason codes on the acks
 * (0x10, a failure PUBREC), the Receive Maximum a subscriber announces, and the two expiry
 * intervals (session, message). Their words are in the catalog, by id (src/i18n/en/presets.ts).
 */
import type { Preset } from './presets-types';
import { preset } from './preset';

export const V5: Preset[] = [
  // Nobody subscribes: the broker still takes the message and says so with PUBACK 0x10.
  preset('v5-puback-no-subscribers', 'v5', { mqttVersion: '5', publishers: [{ qos: 1 }], subscribers: [] }),
  // The broker's ACL refuses the topic: PUBREC 0x87, no PUBREL, the publisher gives the message up.
  preset('v5-pubrec-failure', 'v5', { mqttVersion: '5', publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }], refusedTopics: ['sensors/temp'] }),
  // Two subscribers on the same bad link, one announcing Receive Maximum 1, the other 20.
  preset('v5-receive-maximum', 'v5', { mqttVersion: '5', messages: 20, link: { loss: 0.1 }, seed: 1,
    publishers: [{ qos: 1 }], subscribers: [{ qos: 1, maxInflight: 1 }, { qos: 1, maxInflight: 20 }] }),
  // The session survives a short absence (within 2 s), not a long one.
  preset('v5-session-expiry', 'v5', { mqttVersion: '5', messages: 4, intervalMs: 800,
    subscribers: [{ qos: 1, sessionExpirySec: 2 }],
    faults: [{ kind: 'offline', client: 'subscriber', atMs: 150, forMs: 1000 }, { kind: 'offline', client: 'subscriber', atMs: 1500, forMs: 4000 }] }),
  // Each message lives 2 s: the one queued longest expires before the subscriber is back.
  preset('v5-message-expiry', 'v5', { mqttVersion: '5', messages: 3, intervalMs: 1000,
    publishers: [{ qos: 1, messageExpirySec: 2 }], subscribers: [{ qos: 1 }],
    faults: [{ kind: 'offline', client: 'subscriber', atMs: 500, forMs: 3000 }] }),
];
