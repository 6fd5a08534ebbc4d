/**
 * Live: a real broker (issue #16). The worker's entry: `startLive` with the browser's WebSocket
 * (`webSocketOpener()`), `checkBrokerUrl` for the page's "Broker URL" field, and the state tables
 * of a live trace (`liveSnapshotAt`, the capture's reading of the wire).
 */
export { startLive, unreachableSentence } from './session';
export type { LiveDeps, LiveOptions, LiveSession, LiveState, LiveStatus, LiveUpdate } from './session';
export { checkBrokerUrl } from './url';
export type { CheckedUrl } from './url';
export { realClock, webSocketOpener } from './ports';
export type { LiveClock, LiveSocket, LiveTimer, OpenSocket, WebSocketClass, WebSocketLike } from './ports';
export { captureSnapshotAt as liveSnapshotAt } from '../capture-snapshot';
