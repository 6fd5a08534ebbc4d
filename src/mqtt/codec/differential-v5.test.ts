/**
 * Differential tests of the MQTT 5.0 codec against mqtt-packet 9.0.2 with protocolVersion 5 (the
 * codec MQTT.js uses; Node only, never bundled), on random 5.0 packets: where both write the
 * same form the bytes are equal, mqtt-packet parses our bytes to the same fields, and we parse
 * its bytes to the same packet.
 *
 * Names differ as in differential.test.ts (messageId, clean, keepalive, granted, unsubscriptions),
 * plus: nl/rap/rh = noLocal/retainAsPublished/retainHandling, subscriptionIdentifiersAvailable =
 * subscriptionIdentifierAvailable, a PUBLISH's subscriptionIdentifier is a number or an array,
 * userProperties an object of name -> value or values (so pairs are grouped by name here), and
 * payloadFormatIndicator a boolean. Where the two differ on purpose:
 * - mqtt-packet writes no short forms: a PUBACK with a reason code and no properties is
 *   Remaining Length 4 (a Property Length of 0), ours 3 (3.4.2.1 lets both be); a DISCONNECT
 *   always carries its reason code and Property Length, ours leaves them out when it may.
 *   Bytes are compared where both write one form; both read each other's.
 * - mqtt-packet cannot read a bare AUTH (Remaining Length 0, which 3.15.2.1 allows), and writes
 *   a property-less AUTH that we refuse for lacking its Authentication Method (3.15.2.2.2).
 * - mqtt-packet refuses a password without a user name (5.0 allows one) and an empty client id
 *   without clean start: such CONNECTs are left out; and it drops an empty User Property value
 *   whose name repeats (a test for truth): such values are left out too.
 */
import fc from 'fast-check';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import type { Packet, Properties, UserProperty } from '../types';
import { decode, encode } from './index';
import { packet5 } from './packet-arbitraries';
import { PROPERTY_SETS, type PropertySetName } from './property-table';

type Theirs = Record<string, unknown>;
const V5 = { version: 5 } as const;
const buf = (b: Uint8Array) => Buffer.from(b);

/** User Properties grouped by name, first names first, as an object of mqtt-packet can say them. */
function grouped(pairs: UserProperty[]): UserProperty[] {
  const names = [...new Set(pairs.map(([name]) => name))];
  return names.flatMap((name) => pairs.filter(([n]) => n === name));
}

/** Normalise our packet to what mqtt-packet can say: grouped User Properties with names an object keeps in order. */
function sayable(p: Packet): Packet {
  const fix = (props: Properties | undefined): Properties | undefined =>
    props?.userProperties ? { ...props, userProperties: grouped(props.userProperties) } : props;
  const out = { ...p } as Packet & { properties?: Properties };
  if ('properties' in p && p.properties) out.properties = fix(p.properties);
  if (out.type === 'CONNECT' && out.will?.properties) out.will = { ...out.will, properties: fix(out.will.properties) };
  return out;
}

/** Names an object keeps in insertion order (not array indexes) and that are not special. */
const plainName = (name: string) => !/^(0|[1-9]\d*)$/.test(name) && name !== '__proto__';

const comparable = packet5.map(sayable).filter((p) => {
  const props: (Properties | undefined)[] = ['properties' in p ? p.properties : undefined, p.type === 'CONNECT' ? p.will?.properties : undefined];
  // mqtt-packet's parser tests a repeated name's earlier value for truth, so an empty value would be lost.
  if (props.some((x) => x?.userProperties?.some(([name, value]) => !plainName(name) || value === ''))) return false;
  if (p.type === 'CONNECT') return (p.password === undefined || p.username !== undefined) && (p.clientId !== '' || p.cleanSession);
  return !(p.type === 'AUTH' && p.properties === undefined);
});

function theirProperties(props: Properties | undefined, set: PropertySetName): Theirs | undefined {
  if (props === undefined) return undefined;
  const out: Theirs = {};
  for (const def of PROPERTY_SETS[set].ordered) {
    const value = props[def.key];
    if (value === undefined) continue;
    switch (def.key) {
      case 'userProperties': {
        const users: Record<string, string | string[]> = {};
        for (const [name, v] of value as UserProperty[]) {
          const had = users[name];
          users[name] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
        }
        out.userProperties = users;
        break;
      }
      case 'subscriptionIdentifiers': {
        const ids = value as number[];
        out.subscriptionIdentifier = ids.length === 1 ? ids[0] : ids;
        break;
      }
      case 'subscriptionIdentifierAvailable': out.subscriptionIdentifiersAvailable = value; break;
      case 'payloadFormatIndicator': out.payloadFormatIndicator = value === 1; break;
      default: out[def.key] = value instanceof Uint8Array ? buf(value) : value;
    }
  }
  return out;
}

const withProps = (o: Theirs, props: Theirs | undefined): Theirs => (props === undefined ? o : { ...o, properties: props });

function toTheirs(p: Packet): Theirs {
  switch (p.type) {
    case 'CONNECT': return withProps({
      cmd: 'connect', protocolId: p.protocolName, protocolVersion: 5, clean: p.cleanSession, keepalive: p.keepAliveSec, clientId: p.clientId,
      ...(p.will && { will: withProps({ topic: p.will.topic, payload: buf(p.will.payload), qos: p.will.qos, retain: p.will.retain },
        theirProperties(p.will.properties, 'WILL')) }),
      ...(p.username !== undefined && { username: p.username }),
      ...(p.password !== undefined && { password: buf(p.password) }),
    }, theirProperties(p.properties, 'CONNECT'));
    case 'CONNACK': return withProps({ cmd: 'connack', sessionPresent: p.sessionPresent, reasonCode: 'reasonCode' in p ? p.reasonCode : p.returnCode },
      'properties' in p ? theirProperties(p.properties, 'CONNACK') : undefined);
    case 'PUBLISH': return withProps({
      cmd: 'publish', topic: p.topic, payload: buf(p.payload), qos: p.qos, dup: p.dup, retain: p.retain,
      ...(p.packetId !== undefined && { messageId: p.packetId }),
    }, theirProperties(p.properties, 'PUBLISH'));
    case 'PUBACK': case 'PUBREC': case 'PUBREL': case 'PUBCOMP':
      // mqtt-packet needs the 0x00 it leaves out written down, or it writes an undefined one.
      return withProps({ cmd: p.type.toLowerCase(), messageId: p.packetId, reasonCode: p.reasonCode ?? 0 }, theirProperties(p.properties, p.type));
    case 'SUBSCRIBE': return withProps({ cmd: 'subscribe', messageId: p.packetId,
      subscriptions: p.subscriptions.map((s) => ({ topic: s.topicFilter, qos: s.qos, nl: s.noLocal, rap: s.retainAsPublished, rh: s.retainHandling })),
    }, theirProperties(p.properties, 'SUBSCRIBE'));
    case 'SUBACK': return withProps({ cmd: 'suback', messageId: p.packetId, granted: 'reasonCodes' in p ? p.reasonCodes : p.returnCodes },
      'properties' in p ? theirProperties(p.properties, 'SUBACK') : undefined);
    case 'UNSUBSCRIBE': return withProps({ cmd: 'unsubscribe', messageId: p.packetId, unsubscriptions: p.topicFilters }, theirProperties(p.properties, 'UNSUBSCRIBE'));
    case 'UNSUBACK': return withProps({ cmd: 'unsuback', messageId: p.packetId, granted: p.reasonCodes }, theirProperties(p.properties, 'UNSUBACK'));
    case 'PINGREQ': case 'PINGRESP': return { cmd: p.type.toLowerCase() };
    case 'DISCONNECT': return withProps({ cmd: 'disconnect', ...(p.reasonCode !== undefined && { reasonCode: p.reasonCode }) }, theirProperties(p.properties, 'DISCONNECT'));
    case 'AUTH': return withProps({ cmd: 'auth', reasonCode: p.reasonCode ?? 0 }, theirProperties(p.properties, 'AUTH'));
  }
}

/** Plain data: Buffers as arrays of bytes, null-prototype objects as ordinary ones. */
const plain = (o: Theirs): Theirs => JSON.parse(JSON.stringify(o, (_k, v: unknown) =>
  (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' ? (v as { data: number[] }).data : v))) as Theirs;

/** What mqtt-packet's parser makes of `p`: it fills in the reason code a short DISCONNECT leaves out. */
function theirParse(p: Packet): Theirs {
  const theirs = toTheirs(p);
  return plain(theirs.cmd === 'disconnect' ? { reasonCode: 0, ...theirs } : theirs);
}

/** The fields of a parsed mqtt-packet object that `like` has. */
function theirFields(parsed: Theirs, like: Theirs): Theirs {
  const their = plain(parsed);
  const out: Theirs = {};
  for (const key of Object.keys(like)) {
    out[key] = key === 'will' && their.will ? pick(their.will as Theirs, Object.keys(like.will as Theirs)) : their[key];
  }
  return out;
}

const pick = (o: Theirs, keys: string[]): Theirs => Object.fromEntries(keys.map((k) => [k, o[k]]));

function parseTheirs(bytes: Uint8Array): Theirs[] {
  const parser = mqttPacket.parser({ protocolVersion: 5 });
  const out: Theirs[] = [];
  parser.on('packet', (p: mqttPacket.Packet) => out.push(p as unknown as Theirs));
  parser.on('error', (e: Error) => { throw e; });
  parser.parse(Buffer.from(bytes));
  return out;
}

const generate = (p: Packet) => mqttPacket.generate(toTheirs(p) as unknown as mqttPacket.Packet, { protocolVersion: 5 });

/** Whether both codecs write `p` in one form: everything but the short forms mqtt-packet does not write. */
function sameForm(p: Packet): boolean {
  switch (p.type) {
    case 'PUBACK': case 'PUBREC': case 'PUBREL': case 'PUBCOMP': return p.properties !== undefined || p.reasonCode === undefined;
    case 'DISCONNECT': return p.properties !== undefined;
    default: return true;
  }
}

/** Our packet as we read it back from mqtt-packet's form of it. */
function fromTheirForm(p: Packet): Packet {
  switch (p.type) {
    case 'PUBACK': case 'PUBREC': case 'PUBREL': case 'PUBCOMP':
      // mqtt-packet leaves out a 0x00 reason code when there are no properties.
      return p.reasonCode === 0 && p.properties === undefined ? { type: p.type, packetId: p.packetId } as Packet : p;
    case 'DISCONNECT': return { ...p, reasonCode: p.reasonCode ?? 0 }; // it always writes one
    default: return p;
  }
}

describe('differential vs mqtt-packet, MQTT 5.0', () => {
  it('our bytes equal mqtt-packet generate() bytes, wherever both write one form', () => {
    fc.assert(fc.property(comparable.filter(sameForm), (p) => {
      expect(Buffer.from(encode(p, V5)).toString('hex')).toBe(generate(p).toString('hex'));
    }), { numRuns: 3_000 });
  });

  it('mqtt-packet parses our bytes to the same fields', () => {
    fc.assert(fc.property(comparable, (p) => {
      const parsed = parseTheirs(encode(p, V5));
      expect(parsed).toHaveLength(1);
      const expected = theirParse(p);
      expect(theirFields(parsed[0], expected)).toEqual(expected);
    }), { numRuns: 3_000 });
  });

  it('we parse mqtt-packet bytes to the same packet', () => {
    fc.assert(fc.property(comparable, (p) => {
      const theirs = generate(p);
      expect(decode(new Uint8Array(theirs), 0, V5)).toEqual({ kind: 'packet', packet: fromTheirForm(p), size: theirs.length });
    }), { numRuns: 3_000 });
  });
});
