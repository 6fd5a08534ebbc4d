/**
 * Every `explain` key an annotation can carry. src/i18n/en/fields.ts and zh/fields.ts have a
 * line of English and Chinese for each; the compiler checks that none is missing.
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
  // MQTT 5.0: CONNECT and SUBSCRIBE fields that 3.1.1 has not
  'protocol-version', 'clean-start', 'subscription-options', 'no-local', 'retain-as-published', 'retain-handling',
  // MQTT 5.0 properties (2.2.2): the length, each identifier byte, and each property's value
  'property-length', 'property-identifier',
  'payload-format-indicator', 'message-expiry-interval', 'content-type', 'response-topic', 'correlation-data',
  'subscription-identifier', 'session-expiry-interval', 'assigned-client-identifier', 'server-keep-alive',
  'authentication-method', 'authentication-data', 'request-problem-information', 'will-delay-interval',
  'request-response-information', 'response-information', 'server-reference', 'reason-string',
  'receive-maximum', 'topic-alias-maximum', 'topic-alias', 'maximum-qos', 'retain-available',
  'user-property-name', 'user-property-value', 'maximum-packet-size', 'wildcard-subscription-available',
  'subscription-identifier-available', 'shared-subscription-available',
  // MQTT 5.0 Reason Codes (2.4), one key per name
  'reason-success', 'reason-normal-disconnection', 'reason-granted-qos-0', 'reason-granted-qos-1',
  'reason-granted-qos-2', 'reason-disconnect-with-will-message', 'reason-no-matching-subscribers',
  'reason-no-subscription-existed', 'reason-continue-authentication', 'reason-re-authenticate',
  'reason-unspecified-error', 'reason-malformed-packet', 'reason-protocol-error',
  'reason-implementation-specific-error', 'reason-unsupported-protocol-version',
  'reason-client-identifier-not-valid', 'reason-bad-user-name-or-password', 'reason-not-authorized',
  'reason-server-unavailable', 'reason-server-busy', 'reason-banned', 'reason-server-shutting-down',
  'reason-bad-authentication-method', 'reason-keep-alive-timeout', 'reason-session-taken-over',
  'reason-topic-filter-invalid', 'reason-topic-name-invalid', 'reason-packet-identifier-in-use',
  'reason-packet-identifier-not-found', 'reason-receive-maximum-exceeded', 'reason-topic-alias-invalid',
  'reason-packet-too-large', 'reason-message-rate-too-high', 'reason-quota-exceeded',
  'reason-administrative-action', 'reason-payload-format-invalid', 'reason-retain-not-supported',
  'reason-qos-not-supported', 'reason-use-another-server', 'reason-server-moved',
  'reason-shared-subscriptions-not-supported', 'reason-connection-rate-exceeded',
  'reason-maximum-connect-time', 'reason-subscription-identifiers-not-supported',
  'reason-wildcard-subscriptions-not-supported',
] as const;

export type FieldKey = (typeof FIELD_KEYS)[number];
