/**
 * The edges of the live session's I/O: WebSocket messages cut into packets, and the browser
 * WebSocket adapter (its ArrayBuffer messages, a text frame, the close code).
 */
import { describe, expect, it } from 'vitest';
import { encode } from '../../mqtt/codec';
import { asPacketId, type Packet } from '../../mqtt/types';
import { PacketSplitter } from './packet-splitter';
import { webSocketOpener, type WebSocketClass, type WebSocketLike } from './ports';

const publish = (id: number, text: string): Packet =>
  ({ type: 'PUBLISH', topic: 'qos-lab/t', payload: new TextEncoder().encode(text), qos: 1, dup: false, retain: false, packetId: asPacketId(id) });

describe('PacketSplitter', () => {
  const a = encode(publish(1, 'a'.repeat(200))); // a two-byte Remaining Length
  const b = encode({ type: 'PUBACK', packetId: asPacketId(7) });
  const c = encode(publish(2, 'c'));
  const stream = new Uint8Array([...a, ...b, ...c]);

  it('gives whole packets with their exact bytes, however the stream is cut', () => {
    for (const size of [1, 2, 3, 5, 64, stream.length]) {
      const splitter = new PacketSplitter(4);
      const got: Uint8Array[] = [];
      for (let i = 0; i < stream.length; i += size) got.push(...splitter.push(stream.slice(i, i + size)).packets.map((p) => p.bytes));
      expect(got, `frames of ${size}`).toEqual([a, b, c]);
    }
  });

  it('reads 5.0 packets as 5.0', () => {
    const ack = encode({ type: 'PUBACK', packetId: asPacketId(3), reasonCode: 0x10 }, { version: 5 });
    expect(new PacketSplitter(5).push(ack).packets[0].packet).toMatchObject({ type: 'PUBACK', packetId: 3, reasonCode: 0x10 });
  });

  it('a malformed packet ends the stream: the bytes from it on are handed back for the engine to refuse', () => {
    const splitter = new PacketSplitter(4);
    const bad = Uint8Array.of(0x40, 0x02, 0x00); // PUBACK with a truncated body... then a reserved type
    const r = splitter.push(new Uint8Array([...b, 0xf0, 0x00, ...bad]));
    expect(r.packets.map((p) => p.packet.type)).toEqual(['PUBACK']);
    expect(r.error?.rest[0]).toBe(0xf0);
    expect(splitter.push(c)).toEqual({ packets: [] });
  });
});

/** A stand-in for the browser's WebSocket class, driven by the test. */
class FakeWebSocket implements WebSocketLike {
  static last: FakeWebSocket;
  binaryType = 'blob';
  protocol = '';
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code?: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  sent: Uint8Array[] = [];
  closedWith?: number;

  constructor(readonly url: string, readonly protocols: string | string[]) {
    FakeWebSocket.last = this;
  }

  send(data: Uint8Array): void {
    this.sent.push(data);
  }

  close(code?: number): void {
    this.closedWith = code;
  }
}

describe('webSocketOpener', () => {
  it('MQTT-6.0.0-3: asks for subprotocol mqtt, binary as ArrayBuffer, and reports messages, text frames and the close code', () => {
    const socket = webSocketOpener(FakeWebSocket as unknown as WebSocketClass)('ws://127.0.0.1:9001/mqtt', 'mqtt');
    const ws = FakeWebSocket.last;
    expect([ws.url, ws.protocols, ws.binaryType]).toEqual(['ws://127.0.0.1:9001/mqtt', 'mqtt', 'arraybuffer']);
    const seen: string[] = [];
    socket.onOpen = () => seen.push('open');
    socket.onMessage = (bytes, binary) => seen.push(`${binary ? 'binary' : 'text'} ${[...bytes].join(',')}`);
    socket.onError = () => seen.push('error');
    socket.onClose = (code) => seen.push(`close ${code}`);
    ws.protocol = 'mqtt';
    ws.onopen?.({});
    expect(socket.protocol).toBe('mqtt');
    ws.onmessage?.({ data: Uint8Array.of(0x20, 0x02, 0, 0).buffer });
    ws.onmessage?.({ data: [Uint8Array.of(0xd0), Uint8Array.of(0x00)] }); // the ws package's fragments
    ws.onmessage?.({ data: 'hello' });
    ws.onerror?.({});
    ws.onclose?.({ code: 1006 });
    expect(seen).toEqual(['open', 'binary 32,2,0,0', 'binary 208,0', 'text ', 'error', 'close 1006']);
    socket.send(Uint8Array.of(0xc0, 0));
    socket.close();
    expect(ws.sent).toEqual([Uint8Array.of(0xc0, 0)]);
    expect(ws.closedWith).toBe(1000);
  });

  it('without a WebSocket class in the environment, opening throws (the session says so in one sentence)', () => {
    const global = globalThis as { WebSocket?: unknown };
    const saved = global.WebSocket;
    delete global.WebSocket;
    try {
      expect(() => webSocketOpener()('ws://h/', 'mqtt')).toThrow(/no WebSocket/);
    } finally {
      if (saved !== undefined) global.WebSocket = saved;
    }
  });
});
