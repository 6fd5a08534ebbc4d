/**
 * Protocol errors as plain data (h11's LocalProtocolError / RemoteProtocolError in one type).
 *
 * `side` says whose fault it is: 'remote' when the peer broke the protocol (we close the
 * connection, as the spec requires), 'local' when our own caller asked for something the
 * protocol forbids. `rule` names the normative statement, e.g. 'MQTT-3.3.2-2'; where the
 * specification states a rule in prose without an id, `rule` is its section ('MQTT-2.2.2.2').
 * Errors are values, not exceptions: they travel in decode results and `close` outputs.
 */
export interface ProtocolError {
  side: 'local' | 'remote';
  rule: string;
  message: string;
  /**
   * MQTT 5.0 only: the Reason Code the receiver puts in the DISCONNECT (or, for a bad CONNECT,
   * the CONNACK) it sends before it closes the connection (MQTT 4.13): 0x81 Malformed Packet,
   * 0x82 Protocol Error, 0x84 Unsupported Protocol Version, 0x94 Topic Alias invalid, 0x95
   * Packet too large. Absent for MQTT 3.1.1, which only closes.
   */
  reasonCode?: number;
}

export function protocolError(side: ProtocolError['side'], rule: string, message: string, reasonCode?: number): ProtocolError {
  // Design: no `reasonCode` key at all for 3.1.1, so its errors stay the objects they always were.
  return reasonCode === undefined ? { side, rule, message } : { side, rule, message, reasonCode };
}

/** For our own bugs only: an impossible case reached. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}

/** For our own bugs only: a condition the code relies on did not hold. */
export function invariant(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(`invariant failed: ${message}`);
}
