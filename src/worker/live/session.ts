/**
 * Live: a real broker (issue #16). The lab's own publisher and subscriber, our sans-I/O client
 * engine (src/mqtt/client, the one the simulator runs), each over its own WebSocket to a broker
 * the learner names; the trace records what really crossed the wire, as it happens.
 *
 * Rules this file keeps:
 * - Only the URL the learner typed is contacted, and only once `checkBrokerUrl` accepts it; a
 *   bad URL or bad settings open nothing (`startLive` returns one sentence).
 * - Facts in: socket opened -> connectionOpened, each whole packet read -> bytesReceived (its own
 *   bytes, so each packet is recorded before what it causes), socket closed -> connectionLost,
 *   the engine's wake-up -> timeAdvanced, the schedule -> appPublished. Instructions out: send ->
 *   socket.send (recorded as it goes), close -> socket.close(). The engine makes every MQTT decision.
 * - Persistent sessions (cleanSession=0; MQTT 5.0: Session Expiry Interval > 0), so after a broken
 *   connection the client reconnects with its session and both sides re-send (MQTT-4.4.0-1).
 * - `dropNext()`: the next MQTT packet on either connection, in either direction, is dropped: an
 *   outbound one is not sent, an inbound one is not read, and that connection is closed at once.
 *   Recorded as sent then dropped ('intervention') and connectionLost ('drop'). Packets the same
 *   step produced or the same message carried after it are lost with the connection
 *   ('connectionBroken'): the engine sent them, the wire never carried them (or we never read them).
 * - The verdict is `computeOutcome` over the trace, as for a capture (captured-run.ts), with the
 *   losses the engines reported; settled = every message published, every acknowledgement back,
 *   nothing in flight on either client, both connected, and the wire quiet for `settleQuietMs`.
 * - Time and randomness are the caller's: the clock is injected, the topic and client ids given.
 * - Callbacks never run inside a step: every fact goes through one queue, so a socket that calls
 *   back at once, or an engine output that asks for another step, is processed in order.
 */
import { clientStep, createClient, type ClientInput, type ClientOutput, type ClientState } from '../../mqtt/client';
import type { DiscardReason } from '../../mqtt/client/types';
import { payloadBytes, payloadText, reasonCodeName } from '../../mqtt/codec';
import { topicNameProblem } from '../../mqtt/topic';
import { millis, type Packet, type ProtocolVersion, type QoS } from '../../mqtt/types';
import { settingsSeen } from '../../capture/captured-run';
import { computeOutcome } from '../../sim/outcome';
import type { Outcome } from '../../sim/outcome-types';
import type { LabSnapshot } from '../../sim/snapshot';
import type { ConnectionLossCause, LossFact, ParticipantInfo, Trace, TraceEvent } from '../../sim/trace';
import { captureSnapshotAt } from '../capture-snapshot';
import { LiveTrace } from './live-trace';
import { PacketSplitter } from './packet-splitter';
import { realClock, type LiveClock, type LiveSocket, type LiveTimer, type OpenSocket } from './ports';
import { checkBrokerUrl } from './url';

export interface LiveOptions {
  /** What the learner typed: ws:// or wss:// with a host, nothing else is contacted. */
  url: string;
  /** 4 = MQTT 3.1.1, 5 = MQTT 5.0 */
  mqttVersion: ProtocolVersion;
  publisherQos: QoS;
  subscriberQos: QoS;
  /** Messages the publisher publishes, 1..100. */
  messages: number;
  /** A topic of this session alone (the caller makes it unique, e.g. 'qos-lab/<random token>'); no wildcards. */
  topic: string;
  /** Distinct, non-empty; 23 characters or fewer is what every 3.1.1 broker must accept (MQTT-3.1.3-5). */
  clientIds: { publisher: string; subscriber: string };
  /** Default 30. */
  keepAliveSec?: number;
  /** Message n's payload is `${payload} ${n}` (just `payload` for one message), as the simulator writes it. Default '21.5 °C'. */
  payload?: string;
  /**
   * Between two publications. Default 300: paced, so each message's flow is drawn apart and a
   * learner can aim "Drop next packet" at it; the engine's window still applies (maxInflight), and
   * what is published while the publisher is away waits in its queue (QoS 1/2) or is lost (QoS 0).
   */
  intervalMs?: number;
  /** MQTT 5.0 Session Expiry Interval of both clients, seconds (> 0 so a session outlives its connection). Default 300. */
  sessionExpirySec?: number;
  /** Outbound QoS 1/2 window of the publisher. Default 20 (the engine's, mosquitto's, Paho's). */
  maxInflight?: number;
  /** Wait before reconnecting after an accepted connection broke. Default 500. */
  reconnectDelayMs?: number;
  /** The back-off doubles for each attempt in a row that failed, up to this. Default 8000. */
  reconnectMaxDelayMs?: number;
  /** Attempts in a row that may fail before the session gives up. Default 5. */
  maxReconnectAttempts?: number;
  /** From opening the WebSocket to CONNACK. Default 10000. */
  connectTimeoutMs?: number;
  /** Quiet on the wire, after the last message, before the run is called settled. Default 1000. */
  settleQuietMs?: number;
  /** The run ends (unsettled) after this long. Default 120000. */
  maxDurationMs?: number;
}

export type LiveState = 'connecting' | 'connected' | 'reconnecting' | 'finished' | 'failed';

export interface LiveStatus {
  state: LiveState;
  /** One sentence for the page (English), e.g. why the broker could not be reached. */
  sentence: string;
  /** 'finished' with every message acknowledged end to end and nothing in flight. */
  settled: boolean;
  /** A drop is armed: the next packet on either connection will be dropped. */
  dropArmed: boolean;
}

export interface LiveUpdate {
  /** The events added since the last update (the trace's tail, from index `from`). */
  events: TraceEvent[];
  from: number;
  /** The whole trace so far (the session's own object: clone it before keeping it). */
  trace: Trace;
  outcome: Outcome;
  status: LiveStatus;
}

export interface LiveDeps {
  openSocket: OpenSocket;
  /** Default: performance.now() and setTimeout. */
  clock?: LiveClock;
  /** After every batch of facts that added events or changed the status. */
  onUpdate: (update: LiveUpdate) => void;
}

export interface LiveSession {
  readonly trace: Trace;
  status(): LiveStatus;
  outcome(): Outcome;
  /** Arms a drop of the next packet on either connection; false once the session has ended. */
  dropNext(): boolean;
  /** DISCONNECT both clients and close both sockets; the run ends as it stands. */
  stop(): void;
  /** The state tables after trace event `index` (-1: before any), rebuilt from the packets (capture-snapshot.ts). */
  snapshotAt(index: number): LabSnapshot;
}

type Role = 'publisher' | 'subscriber';

/** One client: its engine, its current socket, its timers. */
interface Link {
  name: Role;
  engine: ClientState;
  socket?: LiveSocket;
  /** the socket is open and ours (closing it, or its closing, makes it false) */
  open: boolean;
  splitter: PacketSplitter;
  /** connections attempted so far */
  connections: number;
  /** the current (or last) connection's CONNACK accepted it */
  accepted: boolean;
  everAccepted: boolean;
  /** attempts in a row that ended before an accepted CONNACK */
  failedAttempts: number;
  /** why the broker refused the last CONNECT, once its CONNACK said so */
  refusal?: string;
  /** PUBREL ids the broker sent and the client has not completed: a second one is a re-send */
  pubrelDown: Set<number>;
  wake?: LiveTimer;
  reconnect?: LiveTimer;
  connectTimer?: LiveTimer;
}

const DEFAULTS = {
  keepAliveSec: 30, payload: '21.5 °C', intervalMs: 300, sessionExpirySec: 300, maxInflight: 20, reconnectDelayMs: 500,
  reconnectMaxDelayMs: 8000, maxReconnectAttempts: 5, connectTimeoutMs: 10_000, settleQuietMs: 1000, maxDurationMs: 120_000,
};

type Settings = Required<LiveOptions>;

/** What a publisher giving up its own copy means for the subscriber (as world-engines.ts reads it). */
const CLIENT_DISCARD: Record<DiscardReason, LossFact['reason']> = {
  cleanSession: 'cleanSession', qos0Offline: 'qos0', sessionExpired: 'sessionExpired', sessionNotPresent: 'sessionNotPresent',
  refusedByServer: 'publishRefused',
};

/** How the engine's own close is recorded (as world-engines.ts does). */
const CLOSE_CAUSE: Record<string, ConnectionLossCause> = {
  keepAlive: 'keepAlive', protocolError: 'protocolError', serverDisconnect: 'reset', refused: 'reset', disconnect: 'reset',
};

const RETURN_CODES: Record<number, string> = {
  1: 'it does not speak this MQTT version', 2: 'it rejected the client id', 3: 'the MQTT service is unavailable',
  4: 'bad user name or password', 5: 'the client is not authorised to connect',
};

/** Checks the URL and the settings, then connects; one sentence, and nothing contacted, when they are wrong. */
export function startLive(options: LiveOptions, deps: LiveDeps): { ok: true; session: LiveSession } | { ok: false; error: string } {
  if (typeof options !== 'object' || options === null) return { ok: false, error: 'No settings for the live run.' };
  const checked = checkBrokerUrl(options.url);
  if (!checked.ok) return checked;
  const settings = { ...DEFAULTS, ...withoutUndefined(options), url: checked.url } as Settings;
  const problem = settingsProblem(settings);
  if (problem) return { ok: false, error: problem };
  const session = new Live(settings, deps);
  session.start();
  return { ok: true, session };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function settingsProblem(s: Settings): string | undefined {
  const qos = (q: unknown) => q === 0 || q === 1 || q === 2;
  if (s.mqttVersion !== 4 && s.mqttVersion !== 5) return 'MQTT version: 4 (3.1.1) or 5 (5.0).';
  if (!qos(s.publisherQos) || !qos(s.subscriberQos)) return 'QoS: 0, 1 or 2 for the publisher and the subscriber.';
  if (!Number.isInteger(s.messages) || s.messages < 1 || s.messages > 100) return 'Messages: a whole number from 1 to 100 for a live run.';
  if (s.topic === '' || topicNameProblem(s.topic) !== undefined || s.topic.length > 200) return 'Topic: a topic name without + or #, up to 200 characters.';
  const { publisher, subscriber } = s.clientIds ?? {};
  if (typeof publisher !== 'string' || typeof subscriber !== 'string' || publisher === '' || subscriber === '' || publisher === subscriber
    || publisher.length > 256 || subscriber.length > 256) {
    return 'Client ids: two different, non-empty client ids (23 characters or fewer suits every broker).';
  }
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  if (!whole(s.keepAliveSec, 0, 65535)) return 'Keep alive: 0 to 65535 seconds.';
  if (!whole(s.sessionExpirySec, 1, 0xffffffff)) return 'Session expiry: at least 1 second, so that the session outlives a broken connection.';
  if (!whole(s.intervalMs, 0, 60_000) || !whole(s.maxInflight, 1, 65535) || !whole(s.reconnectDelayMs, 0, 600_000)
    || !whole(s.reconnectMaxDelayMs, 0, 600_000) || !whole(s.maxReconnectAttempts, 0, 100) || !whole(s.connectTimeoutMs, 1, 600_000)
    || !whole(s.settleQuietMs, 0, 600_000) || !whole(s.maxDurationMs, 1, 3_600_000)) {
    return 'Timing settings: whole milliseconds within their ranges.';
  }
  return undefined;
}

class Live implements LiveSession {
  private readonly clock: LiveClock;
  private readonly started: number;
  private readonly live: LiveTrace;
  private readonly links: Record<Role, Link>;
  private readonly queue: (() => void)[] = [];
  private running = false;
  private state: LiveState = 'connecting';
  private sentence: string;
  private settled = false;
  private ended = false;
  private dropArmed = false;
  private notified = 0;
  private statusDirty = true;
  private subscribed = false;
  private publishingStarted = false;
  private published = 0;
  private readonly publicationNos = new Map<string, number>();
  private readonly deliveries = new Map<number, number>();
  private readonly losses: LossFact[] = [];
  private lastActivity: number;
  private publishTimer?: LiveTimer;
  private settleTimer?: LiveTimer;
  private deadline?: LiveTimer;

  constructor(private readonly s: Settings, private readonly deps: LiveDeps) {
    this.clock = deps.clock ?? realClock;
    this.started = this.clock.now();
    this.lastActivity = this.started;
    const participant = (name: Role, qos: QoS): ParticipantInfo =>
      ({ id: name, role: name, qos, cleanSession: false, clientId: s.clientIds[name] });
    this.live = new LiveTrace([participant('publisher', s.publisherQos), { id: 'broker', role: 'broker' }, participant('subscriber', s.subscriberQos)],
      () => this.clock.now() - this.started);
    this.links = { publisher: this.link('publisher'), subscriber: this.link('subscriber') };
    this.sentence = `Connecting to ${s.url}…`;
  }

  get trace(): Trace {
    return this.live.trace;
  }

  private link(name: Role): Link {
    const s = this.s;
    const engine = createClient({
      clientId: s.clientIds[name], cleanSession: false, keepAliveSec: s.keepAliveSec, maxInflight: s.maxInflight,
      ...(s.mqttVersion === 5 && { protocolVersion: 5 as const, sessionExpiryInterval: s.sessionExpirySec }),
    });
    return { name, engine, open: false, splitter: new PacketSplitter(s.mqttVersion), connections: 0, accepted: false, everAccepted: false,
      failedAttempts: 0, pubrelDown: new Set() };
  }

  start(): void {
    this.run(() => {
      this.deadline = this.clock.setTimer(() => this.run(() => {
        if (!this.ended) this.finish(false, `The run did not settle within ${seconds(this.s.maxDurationMs)} s: a message is still unacknowledged or a client could not get back.`);
      }), this.s.maxDurationMs);
      // The subscriber first: the publisher connects once it is subscribed (see `output`, 'subscribed').
      this.connect(this.links.subscriber);
    });
  }

  status(): LiveStatus {
    return { state: this.state, sentence: this.sentence, settled: this.settled, dropArmed: this.dropArmed };
  }

  outcome(): Outcome {
    const trace = this.live.trace;
    return computeOutcome(settingsSeen(trace), trace, this.settled, undefined, { losses: this.losses, retainedStored: [] });
  }

  dropNext(): boolean {
    if (this.ended) return false;
    this.run(() => {
      if (this.ended || this.dropArmed) return;
      this.dropArmed = true;
      this.statusDirty = true;
    });
    return true;
  }

  stop(): void {
    this.run(() => {
      if (!this.ended) this.finish(false, 'Stopped before the run settled.');
    });
  }

  snapshotAt(index: number): LabSnapshot {
    return captureSnapshotAt(this.live.trace, index);
  }

  // ---- the one queue: every fact is processed here, in order, never inside another ----

  private run(fact: () => void): void {
    this.queue.push(fact);
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const next = this.queue.shift()!;
        try {
          next();
        } catch (error) {
          if (!this.ended) this.fail(`The lab hit an internal error and stopped: ${error instanceof Error ? error.message : String(error)}.`);
        }
      }
    } finally {
      this.running = false;
    }
    this.notify();
  }

  private later(fact: () => void): void {
    this.queue.push(fact);
  }

  private notify(): void {
    const events = this.live.trace.events;
    if (events.length === this.notified && !this.statusDirty) return;
    const from = this.notified;
    this.notified = events.length;
    this.statusDirty = false;
    this.deps.onUpdate({ events: events.slice(from), from, trace: this.live.trace, outcome: this.outcome(), status: this.status() });
  }

  private setState(state: LiveState, sentence: string): void {
    if (state === this.state && sentence === this.sentence) return;
    this.state = state;
    this.sentence = sentence;
    this.statusDirty = true;
  }

  /** connecting / connected / reconnecting, from where the two clients are. */
  private refreshState(): void {
    if (this.ended) return;
    const { publisher, subscriber } = this.links;
    const back = [publisher, subscriber].find((l) => l.connections > 1 && !(l.open && l.accepted));
    if (back) {
      this.setState('reconnecting', `The ${back.name} lost its connection and is reconnecting to ${this.s.url}.`);
    } else if (subscriber.accepted && subscriber.open && publisher.accepted && publisher.open) {
      this.setState('connected', `Connected to ${this.s.url}: publishing ${this.s.messages} message${this.s.messages > 1 ? 's' : ''} at QoS ${this.s.publisherQos} to a QoS ${this.s.subscriberQos} subscription.`);
    } else {
      this.setState('connecting', `Connecting to ${this.s.url}…`);
    }
  }

  // ---- connections ----

  private connect(link: Link): void {
    if (this.ended) return;
    link.reconnect = undefined;
    link.connections++;
    link.accepted = false;
    link.refusal = undefined;
    link.splitter = new PacketSplitter(this.s.mqttVersion);
    let socket: LiveSocket;
    try {
      socket = this.deps.openSocket(this.s.url, 'mqtt');
    } catch (error) {
      const why = error instanceof Error && error.message !== '' ? ` (${error.message})` : '';
      const https = this.s.url.startsWith('ws:') ? ' (a page served over https may open only wss:// URLs)' : '';
      this.attemptFailed(link, `The browser would not open a WebSocket to ${this.s.url}${why}${https}.`);
      return;
    }
    link.socket = socket;
    link.open = false;
    const mine = (fact: () => void) => () => this.run(() => {
      if (link.socket === socket) fact();
    });
    socket.onOpen = mine(() => this.opened(link));
    socket.onMessage = (bytes, binary) => mine(() => this.received(link, bytes, binary))();
    socket.onError = () => { /* the browser says nothing more; onClose follows */ };
    socket.onClose = mine(() => this.socketClosed(link));
    link.connectTimer = this.clock.setTimer(mine(() => {
      if (!link.accepted) this.connectTimedOut(link);
    }), this.s.connectTimeoutMs);
    this.refreshState();
  }

  private opened(link: Link): void {
    link.open = true;
    this.activity();
    this.step(link, { type: 'connectionOpened' });
  }

  /** The engine's CONNACK verdict. */
  private connected(link: Link, out: Extract<ClientOutput, { type: 'connected' }>): void {
    link.connectTimer?.cancel();
    link.connectTimer = undefined;
    if (out.returnCode !== 0 || (out.reasonCode !== undefined && out.reasonCode >= 0x80)) {
      link.refusal = refusalSentence(this.s.url, link.name, out.returnCode, out.reasonCode);
      return; // the engine closes next ('refused')
    }
    link.accepted = true;
    link.everAccepted = true;
    if (link.connections > 1) {
      this.live.emit({ kind: 'connectionRestored', key: out.sessionPresent ? 'connection.restored.session' : 'connection.restored.clean',
        params: { client: link.name, sessionPresent: out.sessionPresent }, client: link.name, sessionPresent: out.sessionPresent });
    }
    // The subscriber subscribes on its first accepted connection; afterwards the engine keeps the
    // subscription (re-sending an unanswered SUBSCRIBE, and subscribing again if the broker lost the session).
    if (link.name === 'subscriber' && !this.subscribed && link.engine.requests.length === 0) {
      this.later(() => {
        if (link.open) this.step(link, { type: 'appSubscribed', subscriptions: [{ topicFilter: this.s.topic, qos: this.s.subscriberQos }] });
      });
    }
    if (link.name === 'publisher' && !this.publishingStarted) {
      this.publishingStarted = true;
      this.later(() => this.publishNext());
    }
    this.refreshState();
  }

  /** The socket closed without our asking: the broker or the network ended it. */
  private socketClosed(link: Link): void {
    const wasOpen = link.open;
    this.closeSocket(link, false);
    if (!wasOpen) {
      this.attemptFailed(link, unreachableSentence(this.s.url));
      return;
    }
    if (!link.everAccepted) {
      this.fail(link.refusal ?? `${this.s.url} accepted the WebSocket but closed it before answering CONNECT: it may not be an MQTT broker, or it does not accept MQTT ${version(this.s.mqttVersion)} from this client.`);
      return;
    }
    this.lost(link, 'reset');
  }

  private connectTimedOut(link: Link): void {
    const wasOpen = link.open;
    this.closeSocket(link, true);
    if (!link.everAccepted) {
      this.fail(wasOpen
        ? `${this.s.url} accepted the WebSocket but sent no CONNACK within ${seconds(this.s.connectTimeoutMs)} s: it may not be an MQTT broker.`
        : `Could not reach ${this.s.url} within ${seconds(this.s.connectTimeoutMs)} s: nothing answered there.`);
      return;
    }
    if (wasOpen) this.lost(link, 'keepAlive');
    else this.scheduleReconnect(link);
  }

  /** An attempt that never opened a connection: the end of the session before any was accepted, else one more failure in a row. */
  private attemptFailed(link: Link, sentence: string): void {
    if (!link.everAccepted) {
      this.fail(sentence);
      return;
    }
    this.scheduleReconnect(link);
  }

  /** A connection that was up is gone: recorded, told to the engine, and retried. */
  private lost(link: Link, cause: ConnectionLossCause): void {
    this.live.emit({ kind: 'connectionLost', key: `connection.lost.${cause}`, params: { client: link.name, cause }, client: link.name, cause });
    this.later(() => {
      this.step(link, { type: 'connectionLost' });
      this.scheduleReconnect(link);
    });
    this.refreshState();
  }

  /**
   * Again after reconnectDelayMs when the last connection had been accepted, twice as long for each
   * attempt in a row that failed, up to reconnectMaxDelayMs (as the simulator's clients back off,
   * world-links.ts). No jitter: two clients cannot storm a broker, and the delays stay readable.
   */
  private scheduleReconnect(link: Link): void {
    if (this.ended || link.reconnect) return;
    link.failedAttempts = link.accepted ? 0 : link.failedAttempts + 1;
    if (link.failedAttempts > this.s.maxReconnectAttempts) {
      this.fail(`The ${link.name} lost its connection to ${this.s.url} and ${link.failedAttempts} attempts in a row to reconnect failed: the broker is gone or no longer accepts it.`);
      return;
    }
    const { reconnectDelayMs: base, reconnectMaxDelayMs: max } = this.s;
    const delayMs = link.failedAttempts === 0 ? base : Math.min(Math.max(base, max), base * 2 ** Math.min(link.failedAttempts, 30));
    if (link.failedAttempts > 0) {
      this.live.emit({ kind: 'note', key: 'connection.backoff', params: { client: link.name, attempts: link.failedAttempts, delayMs }, actor: link.name });
    }
    link.reconnect = this.clock.setTimer(() => this.run(() => this.connect(link)), delayMs);
    this.refreshState();
  }

  /** Our end closes (`callClose`) or has closed; whatever the socket still reports is ignored. */
  private closeSocket(link: Link, callClose: boolean): void {
    const socket = link.socket;
    link.socket = undefined;
    link.open = false;
    link.wake?.cancel();
    link.wake = undefined;
    link.connectTimer?.cancel();
    link.connectTimer = undefined;
    if (callClose && socket) {
      try {
        socket.close();
      } catch { /* already closing */ }
    }
  }

  // ---- packets ----

  private received(link: Link, bytes: Uint8Array, binary: boolean): void {
    if (!link.open) return;
    if (!binary) {
      // MQTT-6.0.0-1: MQTT travels in binary WebSocket frames; a text frame closes the connection.
      this.closeSocket(link, true);
      this.lost(link, 'protocolError');
      return;
    }
    const split = link.splitter.push(bytes);
    for (const { packet, bytes: own } of split.packets) {
      const resend = this.inboundResend(link, packet);
      if (!link.open) {
        // Read after the connection was dropped in this same message: the client never acts on it.
        this.qos0Lost(packet, link.name, this.live.dropped('broker', link.name, packet, own, resend, 'connectionBroken'));
        continue;
      }
      if (this.dropArmed) {
        this.dropArmed = false;
        this.statusDirty = true;
        this.qos0Lost(packet, link.name, this.live.dropped('broker', link.name, packet, own, resend, 'intervention'));
        this.closeSocket(link, true);
        this.lost(link, 'drop');
        continue;
      }
      this.live.crossed('broker', link.name, packet, own, resend);
      this.activity();
      this.step(link, { type: 'bytesReceived', bytes: own });
    }
    // A malformed packet: the engine reads the same bytes and closes the connection (MQTT-4.8.0-1).
    if (split.error && link.open) this.step(link, { type: 'bytesReceived', bytes: split.error.rest });
  }

  /** A PUBLISH with DUP=1, or a PUBREL the broker sent before without PUBCOMP (as capture-to-trace.ts tells them). */
  private inboundResend(link: Link, packet: Packet): boolean {
    if (packet.type === 'PUBLISH') return packet.dup;
    if (packet.type !== 'PUBREL') return false;
    if (link.pubrelDown.has(packet.packetId)) return true;
    link.pubrelDown.add(packet.packetId);
    return false;
  }

  private send(link: Link, out: Extract<ClientOutput, { type: 'send' }>): void {
    const { packet, bytes, retransmission } = out;
    if (packet.type === 'PUBCOMP') link.pubrelDown.delete(packet.packetId);
    if (!link.open || !link.socket) {
      // Produced in the step that dropped the connection: the wire never carries it.
      this.qos0Lost(packet, 'broker', this.live.dropped(link.name, 'broker', packet, bytes, retransmission, 'connectionBroken'));
      return;
    }
    if (this.dropArmed) {
      this.dropArmed = false;
      this.statusDirty = true;
      this.qos0Lost(packet, 'broker', this.live.dropped(link.name, 'broker', packet, bytes, retransmission, 'intervention'));
      this.closeSocket(link, true);
      this.lost(link, 'drop');
      return;
    }
    this.live.crossed(link.name, 'broker', packet, bytes, retransmission);
    link.socket.send(bytes);
    this.activity();
  }

  /** A QoS 0 PUBLISH exists once: dropped toward the broker, no subscriber gets it; toward the subscriber, it does not. */
  private qos0Lost(packet: Packet, to: string, dropped: TraceEvent): void {
    if (packet.type !== 'PUBLISH' || packet.qos !== 0) return;
    const publicationNo = this.publicationNos.get(payloadText(packet.payload));
    if (publicationNo === undefined) return;
    this.losses.push({ reason: 'qos0', publicationNo, ...(to !== 'broker' && { client: to }), tMs: dropped.tMs, event: dropped.index });
  }

  // ---- the engine ----

  private step(link: Link, input: ClientInput): void {
    const result = clientStep(link.engine, input, millis(this.clock.now()));
    for (const out of result.outputs) this.output(link, out);
    this.armWake(link, result.wakeAtMs);
  }

  private armWake(link: Link, wakeAtMs: number | undefined): void {
    link.wake?.cancel();
    link.wake = undefined;
    if (wakeAtMs === undefined || !link.open) return;
    const socket = link.socket;
    link.wake = this.clock.setTimer(() => this.run(() => {
      if (link.socket === socket && link.open) this.step(link, { type: 'timeAdvanced' });
    }), wakeAtMs - this.clock.now());
  }

  private output(link: Link, out: ClientOutput): void {
    switch (out.type) {
      case 'send':
        this.send(link, out);
        break;
      case 'close':
        this.engineClosed(link, out.reason);
        break;
      case 'connected':
        this.connected(link, out);
        break;
      case 'deliver': {
        const text = payloadText(out.message.payload);
        const publicationNo = out.message.topic === this.s.topic ? this.publicationNos.get(text) ?? -1 : -1;
        const deliveryNo = (this.deliveries.get(publicationNo) ?? 0) + 1;
        this.deliveries.set(publicationNo, deliveryNo);
        const { qos, retain, topic } = out.message;
        this.live.emit({ kind: 'appDeliver', key: deliveryNo > 1 ? 'app.deliver.duplicate' : 'app.deliver',
          params: { client: link.name, publicationNo, deliveryNo, qos, topic }, client: link.name, publicationNo, topic, payloadText: text,
          qos, retain, deliveryNo });
        break;
      }
      case 'discarded': {
        // The publisher's own copy is gone: the subscriber cannot get it any more.
        if (link.name !== 'publisher') break;
        const event = this.live.length - 1;
        for (const m of out.messages) {
          const publicationNo = this.publicationNos.get(payloadText(m.payload));
          if (publicationNo !== undefined) {
            this.losses.push({ reason: CLIENT_DISCARD[out.reason], publicationNo, tMs: millis(this.clock.now() - this.started), ...(event >= 0 && { event }) });
          }
        }
        break;
      }
      case 'subscribed':
        if (link.name === 'subscriber' && !this.subscribed) this.subscribedNow(out.returnCodes, out.reasonCodes);
        break;
      case 'ruleApplied':
        this.live.emit({ kind: 'decision', key: out.key, params: out.params, actor: link.name, rule: out.rule });
        break;
      case 'published':
      case 'unsubscribed':
        break;
    }
  }

  private subscribedNow(returnCodes: readonly number[], reasonCodes: readonly number[] | undefined): void {
    const code = reasonCodes?.[0] ?? returnCodes[0];
    if (code === undefined || code >= 0x80) {
      const name = reasonCodes && code !== undefined ? ` ${reasonCodeName('SUBACK', code)?.[0] ?? ''}` : '';
      this.fail(`The broker at ${this.s.url} refused the subscription to ${this.s.topic} (SUBACK 0x${(code ?? 0x80).toString(16).padStart(2, '0')}${name}): it may not allow that topic.`);
      return;
    }
    this.subscribed = true;
    this.later(() => this.connect(this.links.publisher));
  }

  /** The engine closed its connection: DISCONNECT sent, CONNACK refused, keep-alive expired, a protocol error. */
  private engineClosed(link: Link, reason: string): void {
    this.closeSocket(link, true);
    if (reason === 'disconnect') return;
    if (reason === 'refused') {
      this.fail(link.refusal ?? `The broker at ${this.s.url} refused the connection of the ${link.name}.`);
      return;
    }
    this.live.emit({ kind: 'connectionLost', key: `connection.lost.${reason}`, params: { client: link.name, cause: reason }, client: link.name,
      cause: CLOSE_CAUSE[reason] ?? 'reset' });
    this.later(() => this.scheduleReconnect(link));
    this.refreshState();
  }

  // ---- the application: publishing, and knowing when it is over ----

  private publishNext(): void {
    if (this.ended) return;
    const n = ++this.published;
    const text = this.s.messages === 1 ? this.s.payload : `${this.s.payload} ${n}`;
    this.publicationNos.set(text, n);
    const { topic, publisherQos: qos } = this.s;
    this.live.emit({ kind: 'appPublish', key: 'app.publish', params: { client: 'publisher', publicationNo: n, qos, topic },
      client: 'publisher', publicationNo: n, topic, payloadText: text, qos, retain: false });
    this.step(this.links.publisher, { type: 'appPublished', message: { topic, payload: payloadBytes(text), qos, retain: false } });
    if (n < this.s.messages) this.publishTimer = this.clock.setTimer(() => this.run(() => this.publishNext()), this.s.intervalMs);
    else this.armSettle();
  }

  private activity(): void {
    this.lastActivity = this.clock.now();
    this.armSettle();
  }

  /**
   * Checks for the end once the wire has been quiet for settleQuietMs, and again as long as it is
   * not over (a timer may fire a little early by the clock, and the clients' state may wait on
   * nothing that crosses the wire, e.g. a reconnect).
   */
  private armSettle(): void {
    this.settleTimer?.cancel();
    this.settleTimer = undefined;
    if (this.ended || this.published < this.s.messages) return;
    const quietFor = this.clock.now() - this.lastActivity;
    const wait = quietFor >= this.s.settleQuietMs ? this.s.settleQuietMs : this.s.settleQuietMs - quietFor;
    this.settleTimer = this.clock.setTimer(() => this.run(() => {
      if (this.ended) return;
      if (this.isSettled()) {
        this.finish(true, `Settled: all ${this.s.messages} message${this.s.messages > 1 ? 's were' : ' was'} published, every acknowledgement came back and nothing is in flight.`);
      } else {
        this.armSettle();
      }
    }), Math.max(1, wait));
  }

  private isSettled(): boolean {
    const { publisher, subscriber } = this.links;
    const up = (l: Link) => l.open && l.accepted && l.engine.status === 'connected';
    return this.published >= this.s.messages && this.subscribed && up(publisher) && up(subscriber)
      && publisher.engine.flow.inflight.length === 0 && publisher.engine.flow.queue.length === 0
      && subscriber.engine.awaitingPubrel.length === 0 && subscriber.engine.requests.length === 0
      && this.clock.now() - this.lastActivity >= this.s.settleQuietMs;
  }

  private finish(settled: boolean, sentence: string): void {
    this.end(settled);
    this.setState('finished', sentence);
  }

  private fail(sentence: string): void {
    this.end(false);
    this.setState('failed', sentence);
  }

  /** Ends the run: no more timers; each client connected says DISCONNECT; every socket closes. */
  private end(settled: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.settled = settled;
    this.dropArmed = false;
    this.statusDirty = true;
    for (const t of [this.publishTimer, this.settleTimer, this.deadline]) t?.cancel();
    for (const link of [this.links.publisher, this.links.subscriber]) {
      link.reconnect?.cancel();
      link.reconnect = undefined;
      // DISCONNECT only on an accepted connection; one still waiting for its CONNACK is just closed.
      if (link.open && link.engine.status === 'connected') this.step(link, { type: 'appDisconnected' });
      this.closeSocket(link, true);
      link.wake?.cancel();
    }
  }
}

function version(v: ProtocolVersion): string {
  return v === 5 ? '5.0' : '3.1.1';
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/**
 * What a page can know of a WebSocket that never opened: nothing (the browser reports a refused
 * connection, a name that does not resolve, a TLS failure and an HTTP answer that is no WebSocket
 * alike, on purpose), so the sentence names the possibilities rather than guess one.
 */
export function unreachableSentence(url: string): string {
  const tls = url.startsWith('wss:') ? ', its certificate is not trusted' : '';
  return `Could not reach ${url}: the connection was refused, the broker is not there${tls}, or it serves no MQTT over WebSocket at that address (the browser does not say which).`;
}

function refusalSentence(url: string, name: string, returnCode: number, reasonCode: number | undefined): string {
  if (reasonCode !== undefined) {
    const named = reasonCodeName('CONNACK', reasonCode)?.[0] ?? 'refused';
    return `The broker at ${url} refused the ${name}’s connection: ${named} (CONNACK reason code 0x${reasonCode.toString(16).padStart(2, '0')}).`;
  }
  return `The broker at ${url} refused the ${name}’s connection: ${RETURN_CODES[returnCode] ?? 'refused'} (CONNACK return code ${returnCode}).`;
}
