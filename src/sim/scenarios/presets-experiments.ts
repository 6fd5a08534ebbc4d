/**
 * Presets about sessions and broker behaviour: where the QoS guarantees come from (the
 * session state both ends keep) and where they stop. Their words are in the catalog, by id
 * (src/i18n/en/presets.ts).
 */
import type { Preset } from './presets-types';
import { preset } from './preset';

export const SESSIONS: Preset[] = [
  preset('offline-subscriber', 'sessions',
    { messages: 3, intervalMs: 200, faults: [{ kind: 'offline', client: 'subscriber', atMs: 150, forMs: 600 }] }),
  preset('clean-session-loses', 'sessions',
    { messages: 3, intervalMs: 200, subscribers: [{ qos: 1, cleanSession: true }], faults: [{ kind: 'offline', client: 'subscriber', atMs: 150, forMs: 600 }] }),
  preset('retained-late-subscriber', 'sessions', { retain: true, subscribers: [{ qos: 1, joinAtMs: 400 }] }),
  preset('will-message', 'sessions', { publishers: [{ qos: 1, will: { topic: 'sensors/status', payload: 'sensor offline', qos: 1 } }],
    subscribers: [{ qos: 1, topicFilters: ['sensors/#'] }], faults: [{ kind: 'offline', client: 'publisher', atMs: 200, forMs: 1000 }] }),
];

/** Random loss and flow control: why real clients keep few messages in flight. */
const STORM = (maxInflight: number) => ({ messages: 20, link: { loss: 0.1 }, seed: 1,
  publishers: [{ qos: 1 as const, maxInflight }], subscribers: [{ qos: 1 as const, maxInflight }] });

export const LOSS: Preset[] = [
  preset('storm-window-20', 'lost', STORM(20)),
  preset('window-1-loss-10', 'lost', STORM(1)),
];

export const BROKER: Preset[] = [
  preset('broker-restart', 'broker', { messages: 2, intervalMs: 100,
    faults: [{ kind: 'offline', client: 'subscriber', atMs: 90, forMs: 800 }, { kind: 'brokerRestart', atMs: 500, persist: false }] }),
  preset('overlapping-subscriptions', 'broker', { subscribers: [{ qos: 1, topicFilters: ['sensors/#', 'sensors/+'] }] }),
  preset('qos2-method-a', 'broker', { publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }], qos2Method: 'A' }),
  preset('qos2-method-b', 'broker', { publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }], qos2Method: 'B' }),
  preset('retry-on-timeout', 'broker',
    { retryMode: 'retryOnTimeout', faults: [{ kind: 'drop', type: 'PUBACK', nth: 1, from: 'broker', to: 'publisher' }] }),
  preset('subscription-refused', 'broker',
    { refusedFilters: ['sensors/#'], subscribers: [{ qos: 1, topicFilters: ['sensors/temp', 'alerts/#'] }] }),
  preset('two-publishers', 'broker', { messages: 2, publishers: [{ qos: 1 }, { qos: 2 }], subscribers: [{ qos: 2 }] }),
  preset('many-subscribers', 'broker', { publishers: [{ qos: 2 }], subscribers: [{ qos: 0 }, { qos: 1 }, { qos: 2 }] }),
];
