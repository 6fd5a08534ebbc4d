/**
 * Protocol errors as plain data (h11's LocalProtocolError / RemoteProtocolError in one type).
 *
 * `side` says whose fault it is: 'remote' when the peer broke the protocol (we close the
 * connection, as the spec requires), 'local' when our own caller asked for something the
 * protocol forbids. `rule` names the normative statement, e.g. 'MQTT-3.3.2-2'.
 * Errors are values, not exceptions: they travel in decode results and `close` outputs.
 */
export interface ProtocolError {
  side: 'local' | 'remote';
  rule: string;
  message: string;
}

export function protocolError(side: ProtocolError['side'], rule: string, message: string): ProtocolError {
  return { side, rule, message };
}

/** For our own bugs only: an impossible case reached. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}

/** For our own bugs only: a condition the code relies on did not hold. */
export function invariant(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(`invariant failed: ${message}`);
}
