/**
 * Every `explain` key an annotation can carry. ui/i18n/fields.ts has a line of English and
 * Chinese for each; the compiler checks that none is missing.
 */
export const FIELD_KEYS = [
  // fixed header (MQTT 2.2)
  'fixed-header', 'packet-type', 'dup', 'qos', 'retain', 'reserved-flags', 'fixed-flags-0010',
  'remaining-length',
  // shared field shapes
  'string-length', 'binary-length', 'packet-id', 'reserved-bits',
  // CONNECT (MQTT 3.1)
  'protocol-name', 'protocol-level', 'connect-flags', 'username-flag', 'password-flag',
  'will-retain', 'will-qos', 'will-flag', 'clean-session', 'keep-alive', 'client-id',
  'will-topic', 'will-message', 'username', 'password', 'other-version-payload',
  // CONNACK (MQTT 3.2)
  'connack-flags', 'session-present', 'connect-return-code',
  // PUBLISH (MQTT 3.3)
  'topic-name', 'payload',
  // SUBSCRIBE, SUBACK, UNSUBSCRIBE (MQTT 3.8 - 3.10)
  'topic-filter', 'requested-qos', 'suback-return-code',
  // bytes that could not be decoded
  'malformed', 'incomplete',
] as const;

export type FieldKey = (typeof FIELD_KEYS)[number];
