/**
 * The gateway's own pages (spec/gateway.md §5): home, progress, directory listing, leaving, and one
 * page per failure class. Every value from a request or a manifest is escaped; no page has a script
 * (the progress page reloads itself with a meta refresh, as FProxy's does without JavaScript).
 */
import type { HttpError } from '../api/errors.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

const STYLE = 'body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em;line-height:1.4}code{word-break:break-all}';

export function page(title: string, body: string, head = ''): string {
  const headParts = `<meta charset="utf-8"><title>${escapeHtml(title)} · Warren</title>${head}<style>${STYLE}</style>`;
  return `<!DOCTYPE html><html><head>${headParts}</head><body>${body}</body></html>`;
}

export const OPEN_FORM =
  '<form action="/open" method="get"><label>Open a key: ' +
  '<input name="key" size="60" placeholder="CHK@…, SSK@…/name or USK@…/name/0"></label> <button>Open</button></form>';

export function homePage(): string {
  return page(
    'Gateway',
    '<h1>Warren gateway</h1><p>Read sites and files of the Warren network. ' +
      `Every page is filtered: nothing it holds can reach outside the network.</p>${OPEN_FORM}`,
  );
}

export interface FetchProgressView {
  readonly uri: string;
  readonly stage: 'resolving' | 'fetching';
  readonly blocksFetched: number;
  readonly blocksExpected: number | undefined;
  readonly seconds: number;
}

/** Shown while a fetch takes longer than the gateway waits; it reloads itself every second. */
export function progressPage(view: FetchProgressView): string {
  const done = view.blocksExpected === undefined ? `${view.blocksFetched} blocks` : `${view.blocksFetched} of ${view.blocksExpected} blocks`;
  const percent = view.blocksExpected ? Math.min(100, Math.floor((100 * view.blocksFetched) / view.blocksExpected)) : 0;
  const stage = view.stage === 'resolving' ? 'Finding the file (manifests, signed pointers, USK editions)…' : `Fetching: ${done}`;
  return page(
    'Fetching',
    `<h1>Still fetching</h1><p><code>${escapeHtml(view.uri)}</code></p><p>${stage} (${Math.round(view.seconds)} s)</p>` +
      `<progress max="100" value="${percent}"></progress><p>This page reloads itself until the content is here.</p>`,
    '<meta http-equiv="refresh" content="1">',
  );
}

export interface ListingEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory';
  readonly mime?: string | undefined;
  readonly size?: number | undefined;
}

/** A directory without an index.html. Links are relative: the listing is served at the directory's path ending in "/". */
export function listingPage(uri: string, entries: readonly ListingEntry[]): string {
  const rows = entries
    .map((entry) => {
      const href = encodeURIComponent(entry.name) + (entry.kind === 'directory' ? '/' : '');
      const detail = entry.kind === 'directory' ? 'directory' : `${escapeHtml(entry.mime ?? '')}, ${entry.size ?? 0} bytes`;
      return `<li><a href="${escapeHtml(href)}">${escapeHtml(entry.name)}${entry.kind === 'directory' ? '/' : ''}</a> <small>${detail}</small></li>`;
    })
    .join('');
  return page('Directory', `<h1>Directory</h1><p><code>${escapeHtml(uri)}</code></p><ul>${rows}</ul>`);
}

/** The warning before a link out of the network: the reader decides, the gateway never follows it. */
export function leavingPage(url: string): string {
  const web = /^https?:\/\//i.test(url);
  const target = web ? `<p><a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(url)}</a></p>` : `<p><code>${escapeHtml(url)}</code></p>`;
  return page(
    'You are leaving Warren',
    '<h1>You are leaving Warren</h1><p>The link below goes to the ordinary web. Following it tells that site your IP address, ' +
      "and anyone watching the connection which site you visit. Warren's anonymity ends here.</p>" +
      `${target}<p>To stay, use the browser's back button.</p>`,
  );
}

const FAILURE_TITLES: ReadonlyArray<readonly [(status: number) => boolean, string, string]> = [
  [(status) => status === 400, 'Invalid key or path', 'The address does not name a Warren key: check it was copied whole.'],
  [
    (status) => status === 404,
    'Not found',
    'The network did not find it: it may never have been inserted, or has dropped out of every store. Trying again later can help.',
  ],
  [(status) => status === 403 || status === 405, 'Refused', ''],
  [(status) => status === 503, 'Busy', 'Try again in a moment.'],
  [
    (status) => status >= 500 && status !== 503,
    'Could not fetch',
    'The network answered with something that does not check out, or not in time. Trying again can help.',
  ],
];

/** The page for a failed request: its class, the API's code and message. */
export function failurePage(failure: HttpError, uri?: string): string {
  const [, title, advice] = FAILURE_TITLES.find(([matches]) => matches(failure.status)) ?? [undefined, 'Error', ''];
  const about = uri === undefined ? '' : `<p><code>${escapeHtml(uri)}</code></p>`;
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>${about}<p>${escapeHtml(failure.message)} <small>(${escapeHtml(failure.code)})</small></p>` +
      `${advice === '' ? '' : `<p>${advice}</p>`}${OPEN_FORM}`,
  );
}

/** The notice a USK page carries: which edition was served, and where to look for a newer one. */
export function editionNotice(edition: number, askedFrom: number, newerPath: string): string {
  const asked = askedFrom === edition ? '' : ` (asked from edition ${askedFrom})`;
  const style = 'margin:0;padding:.3em .6em;background:#ffd;border-bottom:1px solid #cc9;font:13px sans-serif;color:#000';
  return `<p style="${style}">Warren: edition ${edition} of this USK${asked}. <a href="${escapeHtml(newerPath)}">Check for a newer edition</a></p>`;
}
