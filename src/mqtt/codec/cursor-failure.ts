/**
 * How a packet body decoder reports a broken rule.
 *
 * Design: decoders read straight down the packet and call `fail(rule, message)` where a
 * rule is broken; `decode()` catches the DecodeFailure once and turns it into
 * `{ kind: 'malformed', error }`. Nothing outside the codec ever sees the throw, and any
 * other exception (a bug of ours) is not caught.
 */
import type { ProtocolError } from '../errors';
import { protocolError } from '../errors';

export class DecodeFailure extends Error {
  readonly error: ProtocolError;
  constructor(error: ProtocolError) {
    super(error.message);
    this.error = error;
  }
}

export function fail(rule: string, message: string): never {
  throw new DecodeFailure(protocolError('remote', rule, message));
}
