/**
 * One line of English and Chinese for every `explain` key the codec's annotate() emits
 * (src/mqtt/codec/field-keys.ts). The packet inspector shows it beside each byte range.
 */
import type { FieldKey } from '../../mqtt/codec';

export interface FieldText { en: string; zh: string }

export const FIELD_TEXT: Record<string, FieldText> = {
  'fixed-header': { en: 'First byte of every packet: the packet type (high 4 bits) and its flags (low 4 bits).', zh: '每个报文的第一个字节：高 4 位是报文类型，低 4 位是标志位。' },
  'packet-type': { en: 'Control packet type, 1 (CONNECT) to 14 (DISCONNECT); 0 and 15 are reserved.', zh: '控制报文类型，1（CONNECT）到 14（DISCONNECT）；0 和 15 保留。' },
  dup: { en: 'DUP: 1 when this PUBLISH is a re-delivery of one sent before; always 0 for QoS 0.', zh: 'DUP：此 PUBLISH 是之前发送过的报文的重发时为 1；QoS 0 时总为 0。' },
  qos: { en: 'QoS of this message: 0 at most once, 1 at least once, 2 exactly once; 3 is forbidden.', zh: '此消息的服务质量：0 最多一次，1 至少一次，2 恰好一次；3 被禁止。' },
  retain: { en: 'RETAIN: 1 asks the broker to keep this message for future subscribers of the topic.', zh: 'RETAIN：为 1 时请求代理保留此消息，发送给该主题以后的订阅者。' },
  'reserved-flags': { en: 'Reserved flags: must be 0000 for this packet type, or the receiver closes the connection.', zh: '保留标志位：此类型报文必须为 0000，否则接收方关闭连接。' },
  'fixed-flags-0010': { en: 'Fixed flags: PUBREL, SUBSCRIBE and UNSUBSCRIBE must carry 0010.', zh: '固定标志位：PUBREL、SUBSCRIBE 和 UNSUBSCRIBE 必须为 0010。' },
  'remaining-length': { en: 'Remaining Length: bytes that follow, 7 bits per byte, top bit means another byte follows (1 to 4 bytes).', zh: '剩余长度：后面还有多少字节；每字节 7 位，最高位表示后面还有字节（1 到 4 个字节）。' },
  'string-length': { en: 'Length of the UTF-8 string that follows, in bytes (2 bytes, big-endian).', zh: '后面 UTF-8 字符串的字节长度（2 字节，大端）。' },
  'binary-length': { en: 'Length of the binary data that follows, in bytes (2 bytes, big-endian).', zh: '后面二进制数据的字节长度（2 字节，大端）。' },
  'packet-id': { en: 'Packet identifier: pairs this packet with its acknowledgement; 1 to 65535, never 0.', zh: '报文标识符：把此报文和它的确认报文对应起来；取值 1 到 65535，不能为 0。' },
  'reserved-bits': { en: 'Reserved bits: must be 0.', zh: '保留位：必须为 0。' },
  'protocol-name': { en: 'Protocol name: always "MQTT" for MQTT 3.1.1.', zh: '协议名：MQTT 3.1.1 中总是 "MQTT"。' },
  'protocol-level': { en: 'Protocol level: 4 means MQTT 3.1.1; a broker refuses other levels with return code 1.', zh: '协议级别：4 表示 MQTT 3.1.1；代理以返回码 1 拒绝其他级别。' },
  'connect-flags': { en: 'Connect flags: which optional fields follow, and how the session and will behave.', zh: '连接标志：说明后面有哪些可选字段，以及会话和遗嘱如何处理。' },
  'username-flag': { en: 'User name flag: 1 when a user name is in the payload.', zh: '用户名标志：为 1 时载荷中带有用户名。' },
  'password-flag': { en: 'Password flag: 1 when a password is in the payload; needs the user name flag.', zh: '密码标志：为 1 时载荷中带有密码；必须同时设置用户名标志。' },
  'will-retain': { en: 'Will retain: 1 if the will message is to be retained when published.', zh: '遗嘱保留：为 1 时遗嘱消息发布时作为保留消息。' },
  'will-qos': { en: 'Will QoS: the QoS for publishing the will message; 0 when there is no will.', zh: '遗嘱 QoS：发布遗嘱消息用的服务质量；没有遗嘱时为 0。' },
  'will-flag': { en: 'Will flag: 1 when a will topic and message follow, published if the client vanishes.', zh: '遗嘱标志：为 1 时后面有遗嘱主题和消息，客户端异常断开时发布。' },
  'clean-session': { en: 'Clean session: 1 starts a fresh session; 0 resumes the stored one (in-flight QoS 1/2 messages survive).', zh: '清理会话：为 1 时开始新会话；为 0 时恢复保存的会话（未完成的 QoS 1/2 消息得以保留）。' },
  'keep-alive': { en: 'Keep alive in seconds: the longest silence before the client must send a packet (0 = off).', zh: '保活时间（秒）：客户端最长多久必须发送一个报文（0 表示关闭）。' },
  'client-id': { en: 'Client identifier: names the session on the broker.', zh: '客户端标识符：在代理上标识会话。' },
  'will-topic': { en: 'Will topic: where the will message is published.', zh: '遗嘱主题：遗嘱消息发布到的主题。' },
  'will-message': { en: 'Will message: the payload published if the client disconnects abnormally.', zh: '遗嘱消息：客户端异常断开时发布的载荷。' },
  username: { en: 'User name, for the broker to authenticate the client.', zh: '用户名，供代理认证客户端。' },
  password: { en: 'Password: binary data checked by the broker.', zh: '密码：由代理检查的二进制数据。' },
  'other-version-payload': { en: 'Payload of another protocol level, not decoded: the broker only answers with return code 1.', zh: '其他协议级别的载荷，未解码：代理只会以返回码 1 回应。' },
  'connack-flags': { en: 'Acknowledge flags: only bit 0, session present, is used.', zh: '确认标志：只使用第 0 位，即会话存在标志。' },
  'session-present': { en: 'Session present: 1 when the broker resumed a stored session for this client.', zh: '会话存在：为 1 时代理恢复了为此客户端保存的会话。' },
  'connect-return-code': { en: 'Return code: 0 accepted; 1 to 5 say why the connection was refused.', zh: '返回码：0 表示接受；1 到 5 说明拒绝连接的原因。' },
  'topic-name': { en: 'Topic name: where the message is published; no wildcards allowed.', zh: '主题名：消息发布到的主题；不允许通配符。' },
  payload: { en: 'Payload: the application message, any bytes; its length is what remains of the packet.', zh: '载荷：应用消息，可以是任意字节；长度就是报文剩余的部分。' },
  'topic-filter': { en: 'Topic filter: the topics to (un)subscribe, may use wildcards + and #.', zh: '主题过滤器：要订阅或取消订阅的主题，可用通配符 + 和 #。' },
  'requested-qos': { en: 'Requested QoS: the highest QoS the subscriber wants for this filter.', zh: '请求的 QoS：订阅者希望此过滤器使用的最高服务质量。' },
  'suback-return-code': { en: 'Return code: the QoS granted for the filter (0, 1, 2) or 0x80 for failure.', zh: '返回码：为此过滤器授予的 QoS（0、1、2），或 0x80 表示失败。' },
  malformed: { en: 'These bytes break the protocol: the receiver closes the connection.', zh: '这些字节违反协议：接收方会关闭连接。' },
  incomplete: { en: 'The packet is not complete yet: more bytes are needed.', zh: '报文还不完整：需要更多字节。' },
} satisfies Record<FieldKey, FieldText>;
