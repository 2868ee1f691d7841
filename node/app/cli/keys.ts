/** What `warren keygen` and `warren uri` compute, kept apart from argument parsing so it can be tested. */
import { toHex } from '../../../protocol/bytes.js';
import { randomBytes } from '../../../protocol/crypto.js';
import { keyLocation } from '../../../protocol/location.js';
import { parseUri, UskInsertUri, type UskUri } from '../../../protocol/keys/index.js';

export function generateKeys(name: string): { insertUri: UskInsertUri; requestUri: UskUri } {
  const insertUri = new UskInsertUri(randomBytes(32), name, 0);
  return { insertUri, requestUri: insertUri.toRequestUri() };
}

/** A parsed URI's kind, routing key, ring location and path; an insert URI shows its request URI, never its seed. */
export function describeUri(text: string): Record<string, string> {
  const uri = parseUri(text);
  const { routingKey } = uri;
  const description: Record<string, string> = { kind: uri.kind, routingKey: toHex(routingKey), location: keyLocation(routingKey).toFixed(6) };
  if (uri.kind === 'SSK-INSERT' || uri.kind === 'USK-INSERT') description.requestUri = uri.toRequestUri().toString();
  if (uri.kind === 'USK') description.edition = String(uri.edition);
  if (uri.path.length > 0) description.path = uri.path.join('/');
  return description;
}
