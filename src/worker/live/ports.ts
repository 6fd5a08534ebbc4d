/**
 * What a live session needs of the world, injected: a WebSocket and a clock. The worker passes
 * the browser's (`webSocketOpener()`, `realClock`); tests pass a fake socket and a manual clock,
 * or the `ws` package's WebSocket class (same API as the browser's) to reach a real broker.
 *
 * Rules this file keeps:
 * - A LiveSocket reports its events asynchronously, never from inside `send` or `close`; after
 *   `close()` the session ignores whatever it still reports.
 * - Binary frames only (MQTT-6.0.0-1): a text frame is reported as such and the session closes.
 * - The clock is monotonic milliseconds; timers are one-shot and can be cancelled.
 */

export interface LiveSocket {
  send(bytes: Uint8Array): void;
  close(): void;
  /** The subprotocol the server selected, once open ('' when it selected none; undefined when unknown). */
  readonly protocol?: string;
  onOpen: () => void;
  /** One WebSocket message: `binary` false for a text frame (not MQTT). */
  onMessage: (bytes: Uint8Array, binary: boolean) => void;
  /** The connection ended (after an error too). `code` is the WebSocket close code when known (1006: abnormal). */
  onClose: (code?: number) => void;
  /** Something failed; the browser says no more than that (onClose follows). */
  onError: () => void;
}

/** Opens a WebSocket to `url` asking for subprotocol `protocol`; may throw (the browser refusing the URL). */
export type OpenSocket = (url: string, protocol: string) => LiveSocket;

export interface LiveTimer {
  cancel(): void;
}

export interface LiveClock {
  /** Monotonic milliseconds. */
  now(): number;
  setTimer(fn: () => void, ms: number): LiveTimer;
}

export const realClock: LiveClock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => {
    const handle = setTimeout(fn, Math.max(0, ms));
    return { cancel: () => clearTimeout(handle) };
  },
};

/** What `webSocketOpener` needs of a WebSocket class: the browser's, or the `ws` package's in Node. */
export interface WebSocketLike {
  binaryType: string;
  readonly protocol: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code?: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number): void;
}

export type WebSocketClass = new (url: string, protocols: string | string[]) => WebSocketLike;

/**
 * A LiveSocket over a WebSocket class (default: the global `WebSocket` of the page or worker).
 * Design: `binaryType` 'arraybuffer', so a binary message is an ArrayBuffer in the browser; the
 *   `ws` package may also hand a Buffer or a list of Buffers, which are read the same way.
 */
export function webSocketOpener(ctor?: WebSocketClass): OpenSocket {
  return (url, protocol) => {
    const Ctor = ctor ?? (globalThis as unknown as { WebSocket?: WebSocketClass }).WebSocket;
    if (Ctor === undefined) throw new Error('this environment has no WebSocket');
    const ws = new Ctor(url, protocol);
    ws.binaryType = 'arraybuffer';
    const socket: LiveSocket = {
      send: (bytes) => ws.send(bytes),
      close: () => ws.close(1000),
      get protocol() { return ws.protocol; },
      onOpen: () => {}, onMessage: () => {}, onClose: () => {}, onError: () => {},
    };
    ws.onopen = () => socket.onOpen();
    ws.onmessage = (event) => {
      const bytes = bytesOf(event.data);
      if (bytes === undefined) socket.onMessage(new Uint8Array(0), false);
      else socket.onMessage(bytes, true);
    };
    ws.onerror = () => socket.onError();
    ws.onclose = (event) => socket.onClose(event.code);
    return socket;
  };
}

function bytesOf(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data)) {
    const parts = data.map(bytesOf);
    if (parts.some((p) => p === undefined)) return undefined;
    const out = new Uint8Array(parts.reduce((n, p) => n + p!.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p!, at);
      at += p!.length;
    }
    return out;
  }
  return undefined;
}
