/**
 * MQTT 5.0 enhanced authentication on the broker (4.12, auth.ts): the `authenticators` option
 * drives AUTH 0x18 challenges, the CONNACK, and re-authentication (AUTH 0x19).
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type AuthPacket, type Packet } from '../types';
import type { Authenticator, AuthStep } from './index';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;
const text = (s: string) => new TextEncoder().encode(s);
const str = (b?: Uint8Array) => (b === undefined ? undefined : new TextDecoder().decode(b));

/** A challenge-response: the CONNECT names the user, the broker sends a nonce, the client answers `user:nonce`. */
function challengeResponse(steps: AuthStep[]): Authenticator {
  return (step) => {
    steps.push(step);
    if (step.state === undefined) return { result: 'continue', data: text(`nonce-${steps.length}`), state: { user: str(step.data) ?? '', nonce: `nonce-${steps.length}` } };
    const { user, nonce } = step.state as { user: string; nonce: string };
    return str(step.data) === `${user}:${nonce}` ? { result: 'success', data: text('welcome') } : { result: 'fail', reasonCode: 0x87, reasonString: 'wrong answer' };
  };
}
const auth = (reasonCode: 0x00 | 0x18 | 0x19, method: string | undefined, data?: string): AuthPacket => ({
  type: 'AUTH', reasonCode, properties: { ...(method === undefined ? {} : { authenticationMethod: method }), ...(data === undefined ? {} : { authenticationData: text(data) }) },
} as AuthPacket);

function started(steps: AuthStep[] = []): RawBroker {
  const b = RawBroker.v5({ authenticators: { 'CR-1': challengeResponse(steps) } });
  b.connect5('c', 'alice', { properties: { authenticationMethod: 'CR-1', authenticationData: text('alice'), sessionExpiryInterval: 60 },
    cleanSession: false, will: { topic: 'will/alice', payload: text('gone'), qos: 0, retain: false } });
  return b;
}

describe('broker 5.0: enhanced authentication', () => {
  it('MQTT-4.12.0-1: a method the broker does not support: CONNACK 0x8C Bad authentication method, then close (with and without authenticators)', () => {
    for (const b of [RawBroker.v5(), RawBroker.v5({ authenticators: { 'CR-1': () => ({ result: 'success' }) } })]) {
      const out = b.connect5('c', 'c', { properties: { authenticationMethod: 'SCRAM-SHA-1' } });
      expect(b.sentTo('c', out)).toEqual([{ type: 'CONNACK', sessionPresent: false, reasonCode: 0x8c }]);
      expect(b.closed('c', out)?.reason).toBe('refused');
      expect(b.state.sessions.size).toBe(0);
    }
  });

  it('MQTT-4.12.0-2 / MQTT-4.12.0-5: more is needed: AUTH 0x18 with the method; the answer succeeds: CONNACK 0x00 with the method and data', () => {
    const steps: AuthStep[] = [];
    const b = started(steps);
    expect(b.sentTo('c')).toEqual([auth(0x18, 'CR-1', 'nonce-1')]);
    expect(steps[0]).toEqual({ clientId: 'alice', data: text('alice'), reauthenticate: false });
    expect(b.state.sessions.has('alice')).toBe(false); // nothing of the session before the exchange succeeds
    b.send('c', auth(0x18, 'CR-1', 'alice:nonce-1'));
    expect(steps[1]).toMatchObject({ clientId: 'alice', data: text('alice:nonce-1'), state: { user: 'alice', nonce: 'nonce-1' } });
    expect(b.sentTo('c')[1]).toMatchObject({ type: 'CONNACK', reasonCode: 0, properties: { authenticationMethod: 'CR-1', authenticationData: text('welcome') } });
    expect(b.state.sessions.get('alice')?.connId).toBe('c');
  });

  it('MQTT-4.12.0-4: the broker may refuse at any step: CONNACK with a Reason Code of 0x80 or more, then close', () => {
    const b = started();
    const out = b.send('c', auth(0x18, 'CR-1', 'alice:guess'));
    expect(b.sentTo('c', out)).toEqual([{ type: 'CONNACK', sessionPresent: false, reasonCode: 0x87 }]);
    expect(b.closed('c', out)?.reason).toBe('refused');
    expect(b.state.sessions.size).toBe(0);
    // ... the first step too.
    const b2 = RawBroker.v5({ authenticators: { pw: () => ({ result: 'fail', reasonCode: 0x86 }) } });
    const out2 = b2.connect5('c', 'c', { properties: { authenticationMethod: 'pw', authenticationData: text('hunter2') } });
    expect(b2.sentTo('c', out2)).toEqual([{ type: 'CONNACK', sessionPresent: false, reasonCode: 0x86 }]);
    expect(b2.closed('c', out2)?.reason).toBe('refused');
  });

  it('MQTT-4.12.0-3: the client answers AUTH 0x18 with AUTH 0x18; another code, or another method (MQTT-4.12.0-5), is a Protocol Error', () => {
    for (const wrong of [auth(0x19, 'CR-1', 'alice:nonce-1'), auth(0x00, 'CR-1', 'alice:nonce-1'), auth(0x18, 'CR-2', 'alice:nonce-1')]) {
      const b = started();
      const out = b.send('c', wrong);
      expect(b.sentTo('c', out)).toEqual([{ type: 'CONNACK', sessionPresent: false, reasonCode: 0x82 }]);
      expect(b.closed('c', out)?.reason).toBe('protocolError');
    }
  });

  it('MQTT-3.1.2-30: before CONNACK only AUTH or DISCONNECT: anything else is a Protocol Error; DISCONNECT just closes', () => {
    const others: Packet[] = [
      { type: 'PUBLISH', topic: 't', payload: text('m'), qos: 0, dup: false, retain: false },
      { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't', qos: 0 }] },
      { type: 'PINGREQ' },
    ];
    for (const packet of others) {
      const b = started();
      const out = b.send('c', packet);
      expect(b.sentTo('c', out)).toEqual([{ type: 'CONNACK', sessionPresent: false, reasonCode: 0x82 }]);
      expect(b.closed('c', out)?.reason).toBe('protocolError');
    }
    const b = started();
    const out = b.send('c', { type: 'DISCONNECT', reasonCode: 0x00 });
    expect(b.sentTo('c', out)).toEqual([]);
    expect(b.closed('c', out)?.reason).toBe('disconnect');
  });

  it('MQTT-4.12.0-6 / MQTT-4.12.0-7: no method in CONNECT: no AUTH and no method in CONNACK; an AUTH from the client is a Protocol Error', () => {
    const b = RawBroker.v5({ authenticators: { 'CR-1': challengeResponse([]) } });
    const out = b.connect5('c', 'c');
    expect(b.sentTo('c', out).map((p) => p.type)).toEqual(['CONNACK']);
    expect(b.sentTo('c', out)[0]).not.toHaveProperty('properties.authenticationMethod');
    const bad = b.send('c', auth(0x19, 'CR-1', 'c'));
    expect(b.sentTo('c', bad)).toMatchObject([{ type: 'DISCONNECT', reasonCode: 0x82 }]);
    expect(b.closed('c', bad)?.reason).toBe('protocolError');
  });

  it('MQTT-4.12.1-1: re-authentication: AUTH 0x19 with the same method, the challenge, then AUTH 0x00; the connection carries on meanwhile', () => {
    const steps: AuthStep[] = [];
    const b = started(steps);
    b.send('c', auth(0x18, 'CR-1', 'alice:nonce-1'));
    b.send('c', auth(0x19, 'CR-1', 'alice'));
    expect(steps[2]).toEqual({ clientId: 'alice', data: text('alice'), reauthenticate: true });
    expect(b.sentTo('c').at(-1)).toEqual(auth(0x18, 'CR-1', 'nonce-3'));
    b.send('c', { type: 'PINGREQ' });
    expect(b.sentTo('c').at(-1)).toEqual({ type: 'PINGRESP' });
    b.send('c', auth(0x18, 'CR-1', 'alice:nonce-3'));
    expect(b.sentTo('c').at(-1)).toEqual(auth(0x00, 'CR-1', 'welcome'));
    expect(b.closed('c')).toBeUndefined();
    // Another method, or AUTH 0x18 with no exchange under way, is a Protocol Error.
    for (const wrong of [auth(0x19, 'CR-2', 'alice'), auth(0x18, 'CR-1', 'alice')]) {
      const b2 = started();
      b2.send('c', auth(0x18, 'CR-1', 'alice:nonce-1'));
      const out = b2.send('c', wrong);
      expect(b2.sentTo('c', out)).toMatchObject([{ type: 'DISCONNECT', reasonCode: 0x82 }]);
    }
  });

  it('MQTT-4.12.1-2: a failed re-authentication: DISCONNECT with the Reason Code, then close (the will goes: no normal DISCONNECT)', () => {
    const b = started();
    b.send('c', auth(0x18, 'CR-1', 'alice:nonce-1'));
    b.connect5('s', 's');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'will/#', qos: 0 }] });
    b.send('c', auth(0x19, 'CR-1', 'alice'));
    const out = b.send('c', auth(0x18, 'CR-1', 'alice:stale'));
    expect(b.sentTo('c', out)).toMatchObject([{ type: 'DISCONNECT', reasonCode: 0x87, properties: { reasonString: 'wrong answer' } }]);
    expect(b.closed('c', out)?.reason).toBe('protocolError');
    expect(b.sentTo('s', out)).toMatchObject([{ type: 'PUBLISH', topic: 'will/alice' }]);
  });
});
