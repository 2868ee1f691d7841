/**
 * Where a URL in a filtered document leads (spec/gateway.md §3): into the network (the gateway's own
 * origin), out of it, or nowhere. The content filters (html-filter.ts, css-filter.ts) ask this for
 * every URL they keep.
 *
 *   "img/a.png", "../b.html#x"      ──resolved against the document's gateway path──> "/CHK@…/img/a.png"
 *   "CHK@…", "warren:USK@…/site/3"  ──parseRequestUri──> "/CHK@…", "/USK@…/site/3"
 *   "https://example.org/", "//x"    ──> outside: a link goes to the leaving page, a resource is dropped
 *   "javascript:…", "data:…"         ──> nowhere: dropped
 *
 * Resolution is the WHATWG URL algorithm (Node's URL), the one browsers use, so "/\host", tabs
 * inside a scheme and the like are read here exactly as the browser would read them.
 */
import { parseRequestUri } from '../../../protocol/keys/index.js';

/** A made-up origin standing for the gateway's: only "same origin as this" matters, never the port. */
const GATEWAY_ORIGIN = 'http://gateway.invalid';
/** The path of the "you are leaving Warren" page. */
export const LEAVING_PATH = '/leaving';
const KEY_LINK = /^(?:warren:)?(?:CHK|SSK|USK)@/i;
const WEB_SCHEMES = new Set(['http:', 'https:']);

export type UrlVerdict =
  /** Same origin as the gateway: `path` is absolute on it (path, query and fragment). */
  | { readonly kind: 'network'; readonly path: string }
  /** A web address out of the network. */
  | { readonly kind: 'outside'; readonly url: string }
  /** A scheme the gateway never follows (javascript:, data:, mailto:…) or a URL that does not parse. */
  | { readonly kind: 'none' };

/** Where `raw`, found in the document served at `documentPath` (e.g. "/CHK@…/dir/page.html"), leads. */
export function classifyUrl(raw: string, documentPath: string): UrlVerdict {
  const text = raw.trim();
  if (KEY_LINK.test(text)) return keyLink(text);
  let url: URL;
  try {
    url = new URL(text, GATEWAY_ORIGIN + documentPath);
  } catch {
    return { kind: 'none' };
  }
  if (url.origin === GATEWAY_ORIGIN) return { kind: 'network', path: url.pathname + url.search + url.hash };
  return WEB_SCHEMES.has(url.protocol) ? { kind: 'outside', url: url.href } : { kind: 'none' };
}

/** A Warren URI written as a link: its gateway path, or nowhere when it does not parse. */
function keyLink(text: string): UrlVerdict {
  const hash = text.indexOf('#');
  const uriText = hash < 0 ? text : text.slice(0, hash);
  try {
    return { kind: 'network', path: `/${parseRequestUri(uriText).toString()}${hash < 0 ? '' : text.slice(hash)}` };
  } catch {
    return { kind: 'none' };
  }
}

/** The gateway path of the warning page for a link to `url`. */
export function leavingPath(url: string): string {
  return `${LEAVING_PATH}?url=${encodeURIComponent(url)}`;
}

/** Where a link (a, area, cite…) may point once filtered, or undefined to drop it. */
export function linkTarget(raw: string, documentPath: string): string | undefined {
  const verdict = classifyUrl(raw, documentPath);
  if (verdict.kind === 'network') return verdict.path;
  return verdict.kind === 'outside' ? leavingPath(verdict.url) : undefined;
}

/** Where a resource the browser loads by itself (img, stylesheet, font…) may come from, or undefined to drop it. */
export function resourceTarget(raw: string, documentPath: string): string | undefined {
  const verdict = classifyUrl(raw, documentPath);
  return verdict.kind === 'network' ? verdict.path : undefined;
}
