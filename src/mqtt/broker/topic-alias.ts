/**
 * MQTT 5.0 inbound Topic Aliases: a client may name a topic once and then send a small number.
 *
 * Rules this file keeps:
 * - A PUBLISH with an alias and a topic sets (or replaces) the alias; one with an alias and an
 *   empty topic uses it (3.3.2.3.4). The mapping lives as long as the connection (MQTT-3.3.2-7).
 * - The broker accepts aliases 1..its Topic Alias Maximum (MQTT-3.3.2-12); a higher one is
 *   DISCONNECT 0x94 Topic Alias invalid; an alias never set is a Protocol Error, 0x82.
 */
import type { PublishPacket } from '../types';
import { protocolError, type ProtocolError } from '../errors';
import type { BrokerContext } from './context';
import { applyRule } from './context';
import type { BrokerConnection } from './types';

/** The topic the PUBLISH is for, or the violation. A packet without an alias is returned as is. */
export function resolveTopicAlias(ctx: BrokerContext, conn: BrokerConnection, packet: PublishPacket): string | ProtocolError {
  const alias = packet.properties?.topicAlias;
  if (alias === undefined || conn.v5 === undefined) return packet.topic;
  const maximum = ctx.state.options.topicAliasMaximum;
  if (alias > maximum) {
    return protocolError('remote', 'MQTT-3.3.2-12', `Topic Alias ${alias} is above the maximum ${maximum}`, 0x94);
  }
  const subject = { connId: conn.connId, clientId: conn.clientId };
  if (packet.topic !== '') {
    conn.v5.aliases[alias] = packet.topic;
    applyRule(ctx, subject, 'MQTT-3.3.2-12', 'broker.topicAlias.set', { alias, topic: packet.topic });
    return packet.topic;
  }
  const topic = conn.v5.aliases[alias];
  if (topic === undefined) return protocolError('remote', 'MQTT-3.3.2.3.4', `Topic Alias ${alias} was never set`, 0x82);
  applyRule(ctx, subject, 'MQTT-3.3.2-12', 'broker.topicAlias.used', { alias, topic });
  return topic;
}
