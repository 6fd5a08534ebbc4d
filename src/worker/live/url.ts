/**
 * The broker URL a learner types (issue #16, "Broker URL"): only ws:// and wss:// URLs with a
 * host are ever contacted; anything else is refused with one sentence and nothing is opened.
 *
 * Rules this file keeps:
 * - The text is data: it is parsed by the platform's URL parser, never evaluated, and echoed
 *   back only as the URL parser normalised it (quoted and shortened in sentences).
 * - No user name or password in the URL: the lab sends no credentials (a browser's WebSocket
 *   would not send them to an MQTT broker either), and a fragment is meaningless to a WebSocket.
 */

export type CheckedUrl = { ok: true; url: string } | { ok: false; error: string };

const MAX_URL_LENGTH = 2000;

/** `text` as a URL the lab may open a WebSocket to, or one sentence saying why not. */
export function checkBrokerUrl(text: unknown): CheckedUrl {
  if (typeof text !== 'string') return { ok: false, error: 'The broker URL must be text, for example ws://127.0.0.1:9001/mqtt.' };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'Type the broker’s WebSocket URL first, for example ws://127.0.0.1:9001/mqtt.' };
  if (trimmed.length > MAX_URL_LENGTH) return { ok: false, error: `That URL is longer than ${MAX_URL_LENGTH} characters: the lab does not open it.` };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, error: `${shown(trimmed)} is not a URL: a broker URL looks like ws://127.0.0.1:9001/mqtt or wss://broker.example.org/mqtt.` };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    const scheme = url.protocol.replace(/:$/, '');
    const hint = scheme === 'mqtt' || scheme === 'tcp' || scheme === 'mqtts' || scheme === 'ssl'
      ? ' A web page cannot open a plain TCP connection: use the broker’s WebSocket listener (ws:// or wss://).'
      : ' The lab connects only to MQTT over WebSocket.';
    return { ok: false, error: `Only ws:// and wss:// URLs are contacted, not ${scheme}://.${hint}` };
  }
  if (url.hostname === '') return { ok: false, error: `${shown(trimmed)} names no host: a broker URL looks like ws://127.0.0.1:9001/mqtt.` };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, error: 'Leave the user name and password out of the broker URL: the lab sends no credentials.' };
  }
  if (url.hash !== '') return { ok: false, error: 'A WebSocket URL has no #fragment: remove it.' };
  return { ok: true, url: url.href };
}

/** A URL as it appears in a sentence: quoted, control characters escaped, at most 80 characters. */
export function shown(url: string): string {
  const short = url.length > 80 ? `${url.slice(0, 79)}…` : url;
  return JSON.stringify(short);
}
