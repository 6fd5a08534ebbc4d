/**
 * A scenario: everything that decides a run, as data. Same scenario => same trace, byte for
 * byte, so a scenario is what a shared link, an exported file and a CLI run carry.
 *
 * Rules this file keeps:
 * - Edge input (URL hash, JSON file, CLI) is parsed with zod into typed values; a failure
 *   becomes one sentence naming the field and the problem, never an exception.
 * - Defaults live in the schema, so `{}` is a valid scenario (Pub1/Sub1, one message).
 */
import { z } from 'zod';
import type { PacketType, QoS } from '../mqtt/types';

const PACKET_TYPES = ['CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE',
  'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH'] as const satisfies readonly PacketType[];

const qos = z.union([z.literal(0), z.literal(1), z.literal(2)]);
const participant = z.string().regex(/^(publisher|subscriber)\d*$|^broker$/, 'must be publisher, broker or subscriber, optionally numbered (subscriber2)');
const clientName = z.string().regex(/^(publisher|subscriber)\d*$/, 'must be a client: publisher or subscriber, optionally numbered');

const will = z.object({
  topic: z.string().min(1).max(200),
  payload: z.string().max(1000).default('offline'),
  qos: qos.default(1),
  retain: z.boolean().default(false),
});

/**
 * QoS 1/2 messages a client keeps in flight (for a subscriber: that the broker keeps in flight
 * to it, its Receive Maximum in 5.0 terms). Real clients default to 10 (Paho Java and C) or 20
 * (mosquitto, Paho Python); the lab defaults to what keeps a run live at 30 % loss: a window
 * re-sent whole after a reconnect must get through before the next break (see README).
 */
export const DEFAULT_MAX_INFLIGHT = 1;
/** The longest wait between reconnect attempts, however many failed (see world-links.ts). */
export const DEFAULT_RECONNECT_MAX_DELAY_MS = 5000;

const client = {
  qos: qos.default(1),
  cleanSession: z.boolean().default(false),
  keepAliveSec: z.int().min(0).max(65535).default(10),
  /** Wait before reconnecting; doubled after each failed attempt, up to reconnectMaxDelayMs. */
  reconnectDelayMs: z.int().min(0).max(600_000).default(200),
  reconnectMaxDelayMs: z.int().min(0).max(600_000).default(DEFAULT_RECONNECT_MAX_DELAY_MS),
  maxInflight: z.int().min(1).max(65535).default(DEFAULT_MAX_INFLIGHT),
};
const CLIENT_DEFAULTS = { qos: 1, cleanSession: false, keepAliveSec: 10, reconnectDelayMs: 200,
  reconnectMaxDelayMs: DEFAULT_RECONNECT_MAX_DELAY_MS, maxInflight: DEFAULT_MAX_INFLIGHT } as const;

/** MQTT 5.0 Session Expiry Interval, seconds: how long the session outlives its connection (0xFFFFFFFF: never). */
const sessionExpirySec = z.int().min(0).max(0xFFFF_FFFF).optional();

export const publisherSchema = z.object({
  ...client,
  will: will.optional(),
  sessionExpirySec,
  /** MQTT 5.0 Message Expiry Interval of its messages, seconds: a copy still waiting then is deleted (MQTT-3.3.2-5). */
  messageExpirySec: z.int().min(0).max(0xFFFF_FFFF).optional(),
});
export const subscriberSchema = z.object({
  ...client,
  /** Filters this subscriber asks for; default: the scenario's topic. Each gets `qos`. */
  topicFilters: z.array(z.string().min(1).max(200)).min(1).max(8).optional(),
  /** Connect this long after the start (a late subscriber); default: at once. */
  joinAtMs: z.int().min(0).max(86_400_000).optional(),
  sessionExpirySec,
});

export const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('drop'), type: z.enum(PACKET_TYPES), nth: z.int().min(1).max(1_000_000).default(1),
    from: participant.optional(), to: participant.optional() }),
  z.object({ kind: z.literal('break'), client: clientName, atMs: z.int().min(0) }),
  z.object({ kind: z.literal('offline'), client: clientName, atMs: z.int().min(0), forMs: z.int().min(1) }),
  z.object({ kind: z.literal('brokerRestart'), atMs: z.int().min(0), persist: z.boolean().default(false) }),
]);

export const scenarioSchema = z.object({
  v: z.literal(1).default(1),
  preset: z.string().max(60).optional(),
  publishers: z.array(publisherSchema).min(1).max(4).default([{ ...CLIENT_DEFAULTS }]),
  subscribers: z.array(subscriberSchema).min(0).max(4).default([{ ...CLIENT_DEFAULTS }]),
  topic: z.string().min(1).max(200).refine((t) => !t.includes('+') && !t.includes('#') && !t.includes('\u0000'), 'a topic to publish to may not contain + # or U+0000').default('sensors/temp'),
  payload: z.string().max(1000).default('21.5 °C'),
  messages: z.int().min(1).max(100_000).default(1),
  intervalMs: z.int().min(0).max(600_000).default(50),
  retain: z.boolean().default(false),
  link: z.object({
    latencyMs: z.int().min(1).max(10_000).default(20),
    jitterMs: z.int().min(0).max(10_000).default(0),
    loss: z.number().min(0).max(0.9).default(0),
    /** How a broken connection is noticed: at once (TCP reset) or by keep-alive. */
    detect: z.enum(['reset', 'keepAlive']).default('reset'),
  }).default({ latencyMs: 20, jitterMs: 0, loss: 0, detect: 'reset' }),
  seed: z.int().min(0).max(2 ** 31 - 1).default(1),
  retryMode: z.enum(['reconnect', 'retryOnTimeout']).default('reconnect'),
  qos2Method: z.enum(['A', 'B']).default('B'),
  refusedFilters: z.array(z.string()).max(8).default([]),
  /**
   * MQTT 5.0 only: topics the broker refuses to take a PUBLISH to (PUBACK / PUBREC 0x87 Not
   * authorized, nothing forwarded), as an ACL does. Absent: none.
   */
  refusedTopics: z.array(z.string().min(1).max(200)).max(8).optional(),
  /**
   * The protocol every client of the scenario speaks: '3.1.1' or '5' (MQTT 5.0). Absent means
   * 3.1.1. Design: the default is left out rather than filled in, so that every existing link,
   * pinned trace and golden stays byte for byte what it was.
   */
  mqttVersion: z.enum(['3.1.1', '5']).optional(),
  faults: z.array(faultSchema).max(200).default([]),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type MqttVersion = '3.1.1' | '5';

/** The scenario's MQTT version, the default filled in. */
export function mqttVersionOf(scenario: Pick<Scenario, 'mqttVersion'>): MqttVersion {
  return scenario.mqttVersion ?? '3.1.1';
}

/** "Never expires": the Session Expiry Interval 0xFFFFFFFF (MQTT 5.0, 3.1.2.11.2). */
export const SESSION_NEVER_EXPIRES = 0xFFFF_FFFF;

/**
 * The Session Expiry Interval a client of a 5.0 run sends: its own `sessionExpirySec`, else with
 * clean session 0 "never expires" (what clean session 0 means in 3.1.1, so a scenario keeps its
 * guarantees in either version), else none (the session ends with the connection).
 */
export function sessionExpiryOf(client: { sessionExpirySec?: number; cleanSession: boolean }): number | undefined {
  return client.sessionExpirySec ?? (client.cleanSession ? undefined : SESSION_NEVER_EXPIRES);
}

/** Settings that mean something in MQTT 5.0 only, set in a 3.1.1 scenario: one sentence each (the engines ignore them). */
export function ignoredIn311(scenario: Scenario): string[] {
  if (mqttVersionOf(scenario) === '5') return [];
  const out: string[] = [];
  const clients = [...scenario.publishers.map((p, i) => [publisherName(i), p] as const), ...scenario.subscribers.map((s, i) => [subscriberName(i), s] as const)];
  for (const [name, c] of clients) {
    if (c.sessionExpirySec !== undefined) out.push(`${name}.sessionExpirySec is MQTT 5.0's Session Expiry Interval: ignored in 3.1.1 (cleanSession alone decides)`);
  }
  scenario.publishers.forEach((p, i) => {
    if (p.messageExpirySec !== undefined) out.push(`${publisherName(i)}.messageExpirySec is MQTT 5.0's Message Expiry Interval: ignored in 3.1.1`);
  });
  if (scenario.refusedTopics !== undefined && scenario.refusedTopics.length > 0) out.push('refusedTopics needs MQTT 5.0 (a PUBACK / PUBREC reason code): ignored in 3.1.1');
  return out;
}
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Fault = z.output<typeof faultSchema>;
export type DropRule = Extract<Fault, { kind: 'drop' }>;
export type PublisherSpec = z.output<typeof publisherSchema>;
export type SubscriberSpec = z.output<typeof subscriberSchema>;
export type { QoS };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** One sentence: the first problem, with the field it is in. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length ? issue.path.join('.') : 'scenario';
  return `${where}: ${issue.message}`;
}

export function parseScenario(input: unknown): Parsed<Scenario> {
  const r = scenarioSchema.safeParse(input ?? {});
  return r.success ? { ok: true, value: r.data } : { ok: false, error: describeZodError(r.error) };
}

export function defaultScenario(): Scenario {
  return scenarioSchema.parse({});
}

/** Participant names as the trace, the diagram and the CLI's JSON use them. */
export function publisherName(i: number): string {
  return i === 0 ? 'publisher' : `publisher${i + 1}`;
}
export function subscriberName(i: number): string {
  return i === 0 ? 'subscriber' : `subscriber${i + 1}`;
}
