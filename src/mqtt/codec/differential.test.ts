/**
 * Differential tests against mqtt-packet 9.0.2, the codec MQTT.js uses (Node only, never
 * bundled). Same packets, same bytes; each side parses the other's output to the same fields.
 * mqtt-packet names differ: messageId = packetId, clean = cleanSession, keepalive =
 * keepAliveSec, granted = returnCodes, unsubscriptions = topicFilters, protocolId/Version.
 */
import fc from 'fast-check';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { grantedCodes, type Packet } from '../types';
import { decode, encode } from './index';
import { packet } from './packet-arbitraries';

// mqtt-packet speaks only levels 3..5, and refuses an empty client id without clean session.
const comparable = packet.filter((p) => p.type !== 'CONNECT' || (p.protocolLevel === 4 && (p.clientId !== '' || p.cleanSession)));

type Theirs = Record<string, unknown>;

function toTheirs(p: Packet): Theirs {
  const buf = (b: Uint8Array) => Buffer.from(b);
  switch (p.type) {
    case 'CONNECT': return {
      cmd: 'connect', protocolId: p.protocolName, protocolVersion: p.protocolLevel, clean: p.cleanSession,
      keepalive: p.keepAliveSec, clientId: p.clientId,
      ...(p.will && { will: { topic: p.will.topic, payload: buf(p.will.payload), qos: p.will.qos, retain: p.will.retain } }),
      ...(p.username !== undefined && { username: p.username }),
      ...(p.password !== undefined && { password: buf(p.password) }),
    };
    case 'CONNACK': return { cmd: 'connack', sessionPresent: p.sessionPresent, returnCode: 'returnCode' in p ? p.returnCode : p.reasonCode };
    case 'PUBLISH': return {
      cmd: 'publish', topic: p.topic, payload: buf(p.payload), qos: p.qos, dup: p.dup, retain: p.retain,
      ...(p.packetId !== undefined && { messageId: p.packetId }),
    };
    case 'SUBSCRIBE': return { cmd: 'subscribe', messageId: p.packetId, subscriptions: p.subscriptions.map((s) => ({ topic: s.topicFilter, qos: s.qos })) };
    case 'SUBACK': return { cmd: 'suback', messageId: p.packetId, granted: grantedCodes(p) };
    case 'UNSUBSCRIBE': return { cmd: 'unsubscribe', messageId: p.packetId, unsubscriptions: p.topicFilters };
    case 'PINGREQ': case 'PINGRESP': case 'DISCONNECT': case 'AUTH': return { cmd: p.type.toLowerCase() };
    default: return { cmd: p.type.toLowerCase(), messageId: p.packetId };
  }
}

/** The fields of a parsed mqtt-packet object that our Packet has, in mqtt-packet's names. */
function theirFields(parsed: Theirs, like: Theirs): Theirs {
  const out: Theirs = {};
  for (const key of Object.keys(like)) out[key] = key === 'will' && parsed.will ? pick(parsed.will as Theirs, ['topic', 'payload', 'qos', 'retain']) : parsed[key];
  return out;
}

function pick(o: Theirs, keys: string[]): Theirs {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

function parseTheirs(bytes: Uint8Array): Theirs[] {
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  const out: Theirs[] = [];
  parser.on('packet', (p: mqttPacket.Packet) => out.push(p as unknown as Theirs));
  parser.on('error', (e: Error) => { throw e; });
  parser.parse(Buffer.from(bytes));
  return out;
}

describe('differential vs mqtt-packet', () => {
  it('our bytes equal mqtt-packet generate() bytes', () => {
    fc.assert(fc.property(comparable, (p) => {
      const theirs = mqttPacket.generate(toTheirs(p) as unknown as mqttPacket.Packet);
      expect(Buffer.from(encode(p)).toString('hex')).toBe(theirs.toString('hex'));
    }), { numRuns: 3_000 });
  });

  it('mqtt-packet parses our bytes to the same fields', () => {
    fc.assert(fc.property(comparable, (p) => {
      const parsed = parseTheirs(encode(p));
      expect(parsed).toHaveLength(1);
      const expected = toTheirs(p);
      expect(theirFields(parsed[0], expected)).toEqual(expected);
    }), { numRuns: 3_000 });
  });

  it('we parse mqtt-packet bytes to the same packet', () => {
    fc.assert(fc.property(comparable, (p) => {
      const theirs = mqttPacket.generate(toTheirs(p) as unknown as mqttPacket.Packet);
      expect(decode(new Uint8Array(theirs))).toEqual({ kind: 'packet', packet: p, size: theirs.length });
    }), { numRuns: 3_000 });
  });
});
