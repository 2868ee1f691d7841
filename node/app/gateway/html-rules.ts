/**
 * The HTML filter's allow-list (spec/gateway.md §3): which elements stay, which go with all they
 * hold, and which attributes each may keep, with the kind of URL an attribute holds. Anything not
 * named here is dropped: an unknown element is replaced by its children, an unknown attribute
 * (every on* handler, srcset, background, ping, formaction…) is removed.
 */

/** Dropped with everything inside them. */
export const DROPPED_WITH_CONTENT = new Set([
  ...['script', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal', 'fencedframe'],
  ...['svg', 'math', 'base', 'noembed', 'noframes', 'xmp', 'plaintext', 'listing', 'keygen', 'isindex', 'canvas'],
]);

/** How an attribute's value is filtered. */
export type AttributeKind =
  /** Kept as it is: it names nothing the browser loads. */
  | 'text'
  /** A link the reader follows: into the network, or to the leaving page. */
  | 'link'
  /** A URL the browser loads by itself: into the network only, else the attribute goes. */
  | 'resource'
  /** CSS declarations, through the CSS filter. */
  | 'style';

const text = (...names: string[]): Record<string, AttributeKind> => Object.fromEntries(names.map((name) => [name, 'text' as const]));

/** Attributes every kept element may have (and any aria-* or data-* one). */
export const GLOBAL_ATTRIBUTES: Readonly<Record<string, AttributeKind>> = {
  ...text('id', 'class', 'title', 'lang', 'dir', 'hidden', 'role', 'translate', 'accesskey', 'tabindex'),
  style: 'style',
};

const CELL = text('colspan', 'rowspan', 'headers', 'scope', 'align', 'valign', 'width', 'height', 'bgcolor', 'abbr');
const MEDIA = { ...text('controls', 'loop', 'muted', 'preload', 'width', 'height'), src: 'resource' as const };

/** Kept elements and their own attributes, beyond the global ones. */
export const ELEMENTS: Readonly<Record<string, Readonly<Record<string, AttributeKind>>>> = {
  ...Object.fromEntries(
    [
      ...['html', 'head', 'body', 'title', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'br', 'caption', 'center', 'cite', 'code'],
      ...['dd', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup'],
      ...['i', 'kbd', 'main', 'mark', 'nav', 'p', 'picture', 'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'span', 'strong'],
      ...['sub', 'summary', 'sup', 'tbody', 'tfoot', 'thead', 'tr', 'u', 'ul', 'var', 'wbr', 'big', 'tt', 'strike', 'nobr', 'legend'],
      ...['search', 'menu'],
    ].map((name) => [name, {}]),
  ),
  a: { href: 'link', ...text('name', 'hreflang', 'type', 'download') },
  area: { href: 'link', ...text('alt', 'shape', 'coords') },
  map: text('name'),
  img: { src: 'resource', ...text('alt', 'width', 'height', 'usemap', 'ismap', 'loading', 'decoding', 'align', 'border', 'hspace', 'vspace') },
  audio: MEDIA,
  video: { ...MEDIA, poster: 'resource' },
  source: { src: 'resource', ...text('type', 'media') },
  track: { src: 'resource', ...text('kind', 'srclang', 'label', 'default') },
  blockquote: { cite: 'link' },
  q: { cite: 'link' },
  del: { cite: 'link', ...text('datetime') },
  ins: { cite: 'link', ...text('datetime') },
  hr: text('align', 'size', 'width', 'noshade'),
  pre: text('width'),
  font: text('color', 'face', 'size'),
  table: text('border', 'cellpadding', 'cellspacing', 'width', 'align', 'summary', 'bgcolor', 'frame', 'rules'),
  td: CELL,
  th: CELL,
  col: text('span', 'width', 'align', 'valign'),
  colgroup: text('span', 'width', 'align', 'valign'),
  ol: text('start', 'reversed', 'type'),
  li: text('value', 'type'),
  time: text('datetime'),
  data: text('value'),
  details: text('open'),
  dialog: text('open'),
  form: { action: 'link', ...text('method', 'name', 'autocomplete') },
  input: text(
    'type',
    'name',
    'value',
    'placeholder',
    'checked',
    'disabled',
    'readonly',
    'size',
    'maxlength',
    'min',
    'max',
    'step',
    'required',
    'multiple',
    'pattern',
    'autocomplete',
    'list',
    'alt',
  ),
  button: text('type', 'name', 'value', 'disabled'),
  select: text('name', 'multiple', 'size', 'disabled', 'required'),
  option: text('value', 'selected', 'disabled', 'label'),
  optgroup: text('label', 'disabled'),
  datalist: {},
  textarea: text('name', 'rows', 'cols', 'placeholder', 'disabled', 'readonly', 'required', 'maxlength', 'wrap'),
  label: text('for'),
  fieldset: text('disabled', 'name'),
  output: text('for', 'name'),
  progress: text('value', 'max'),
  meter: text('value', 'min', 'max', 'low', 'high', 'optimum'),
  bdo: {},
  // meta, link and style have rules of their own (html-filter.ts); these are the attributes they may keep.
  meta: text('name', 'content', 'http-equiv'),
  link: { href: 'resource', ...text('rel', 'media', 'type', 'sizes') },
  style: text('media'),
};

/** `<meta name=…>` values kept (not "referrer": it could loosen the Referrer-Policy). */
export const META_NAMES = new Set(['description', 'keywords', 'author', 'generator', 'viewport', 'color-scheme', 'theme-color']);

/** `<link rel=…>` tokens kept; a link with any other token goes. Only stylesheet and icon load anything. */
export const LINK_RELATIONS = new Set(['stylesheet', 'icon', 'shortcut', 'alternate', 'next', 'prev', 'author', 'license', 'help', 'apple-touch-icon']);

/** Form methods kept; anything else (dialog…) becomes GET. */
export const FORM_METHODS = new Set(['get', 'post']);
