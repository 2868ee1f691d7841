/**
 * The HTML filter (spec/gateway.md §3): parse5 reads the document exactly as a browser's HTML
 * parser would; a walk over the tree (an explicit stack, no recursion) keeps only what the
 * allow-list of html-rules.ts names; parse5 writes the result back out, escaped.
 *
 *   text ──parse5.parse──> tree ──walk──> element in DROPPED_WITH_CONTENT, foreign (svg, math), comment: gone
 *                                          element not in ELEMENTS: replaced by its (filtered) children
 *                                          attributes: the element's and GLOBAL_ATTRIBUTES only;
 *                                            link → urls.linkTarget, resource → urls.resourceTarget,
 *                                            style → css-filter.filterDeclarations
 *                                          meta, link, form, style: the rules of their own below
 *        ──[notice prepended to <body>]──> parse5.serialize ──> text
 *
 * The notice is the gateway's own HTML (which USK edition was served); it is trusted, not filtered.
 */
import { type DefaultTreeAdapterMap, defaultTreeAdapter, html, parse, parseFragment, serialize } from 'parse5';
import { filterDeclarations, filterStylesheet } from './css-filter.js';
import { type AttributeKind, DROPPED_WITH_CONTENT, ELEMENTS, FORM_METHODS, GLOBAL_ATTRIBUTES, LINK_RELATIONS, META_NAMES } from './html-rules.js';
import { linkTarget, resourceTarget } from './urls.js';

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type ChildNode = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

export interface HtmlFilterOptions {
  /** The document's path on the gateway, e.g. "/CHK@…/dir/page.html": relative URLs resolve against it. */
  readonly documentPath: string;
  /** The gateway's own HTML, put first in <body> (trusted: not filtered). */
  readonly notice?: string;
}

/** What a document the filter cannot take (one nested too deeply for the writer's stack) becomes. */
const EMPTY_DOCUMENT = '<!DOCTYPE html><html><head></head><body></body></html>';
const DATA_OR_ARIA = /^(?:data|aria)-[a-z0-9_.-]+$/;
/** Passes of the filter over its own output at most (two suffice for every tree the tests have found). */
const MAX_PASSES = 4;
const REFRESH = /^\s*(\d+)(?:\.\d*)?\s*(?:[;,]\s*(?:url\s*=\s*)?(.*))?$/is;

type Verdict = 'keep' | 'drop' | 'unwrap';

export function filterHtml(text: string, options: HtmlFilterOptions): string {
  try {
    // Some trees do not survive being written and read again (the parser moves a misnested
    // element elsewhere): the filter runs again on its own output until that stops changing,
    // so what it returns is what the browser will build.
    let output = filterOnce(text, options.documentPath);
    for (let pass = 1; pass < MAX_PASSES; pass++) {
      const again = filterOnce(output, options.documentPath);
      if (again === output) break;
      output = again;
    }
    return options.notice === undefined ? output : withNotice(output, options.notice);
  } catch {
    return EMPTY_DOCUMENT;
  }
}

function filterOnce(text: string, documentPath: string): string {
  const document = parse(text);
  filterTree(document, documentPath);
  bodyOf(document);
  return serialize(document);
}

function filterTree(root: ParentNode, documentPath: string): void {
  const parents: ParentNode[] = [root];
  for (let parent = parents.pop(); parent !== undefined; parent = parents.pop()) {
    const kept: ChildNode[] = [];
    // Children still to look at, last first: an unwrapped element's children take its place here.
    const pending = [...parent.childNodes].reverse();
    for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
      if (node.nodeName === '#text' || node.nodeName === '#documentType') kept.push(node);
      if (!('tagName' in node)) continue;
      const verdict = elementVerdict(node, documentPath);
      if (verdict === 'unwrap') pending.push(...[...node.childNodes].reverse());
      if (verdict !== 'keep') continue;
      kept.push(node);
      if (node.tagName === 'style') replaceText(node, filterStylesheet(textOf(node), documentPath));
      else parents.push(node);
    }
    for (const node of kept) node.parentNode = parent;
    parent.childNodes = kept;
  }
}

function elementVerdict(element: Element, documentPath: string): Verdict {
  if (element.namespaceURI !== html.NS.HTML || DROPPED_WITH_CONTENT.has(element.tagName)) return 'drop';
  const allowed = ELEMENTS[element.tagName];
  if (allowed === undefined) return 'unwrap';
  const hadAction = element.attrs.some((attribute) => attribute.name === 'action');
  element.attrs = element.attrs.flatMap((attribute) => {
    const kind = allowed[attribute.name] ?? GLOBAL_ATTRIBUTES[attribute.name] ?? (DATA_OR_ARIA.test(attribute.name) ? 'text' : undefined);
    const value = kind === undefined ? undefined : filteredValue(kind, attribute.value, element.tagName, documentPath);
    return value === undefined ? [] : [{ name: attribute.name, value }];
  });
  switch (element.tagName) {
    case 'meta':
      return metaVerdict(element, documentPath);
    case 'link':
      return linkVerdict(element);
    case 'form':
      // A form whose action leads out of the network is unwrapped: its fields stay, it cannot be sent.
      if (hadAction && attributeOf(element, 'action') === undefined) return 'unwrap';
      element.attrs = element.attrs.filter((attribute) => attribute.name !== 'method' || FORM_METHODS.has(attribute.value.toLowerCase()));
      return 'keep';
    default:
      return 'keep';
  }
}

function filteredValue(kind: AttributeKind, value: string, tagName: string, documentPath: string): string | undefined {
  switch (kind) {
    case 'text':
      return value;
    case 'link':
      // A form is sent, not followed: no leaving page for it.
      return tagName === 'form' ? resourceTarget(value, documentPath) : linkTarget(value, documentPath);
    case 'resource':
      return resourceTarget(value, documentPath);
    case 'style': {
      const declarations = filterDeclarations(value, documentPath);
      return declarations === '' ? undefined : declarations;
    }
  }
}

/** `<meta>`: a name from META_NAMES, or a refresh that stays in the network; nothing else (charset: the header says UTF-8). */
function metaVerdict(element: Element, documentPath: string): Verdict {
  const equiv = attributeOf(element, 'http-equiv');
  const content = attributeOf(element, 'content') ?? '';
  if (equiv === undefined) return META_NAMES.has((attributeOf(element, 'name') ?? '').toLowerCase()) ? 'keep' : 'drop';
  const refresh = equiv.toLowerCase() === 'refresh' ? REFRESH.exec(content) : null;
  if (refresh === null) return 'drop';
  const [, delay, rawUrl] = refresh;
  const url = unquoted(rawUrl?.trim() ?? '');
  const target = url === '' ? '' : resourceTarget(url, documentPath);
  if (target === undefined) return 'drop';
  element.attrs = [
    { name: 'http-equiv', value: 'refresh' },
    { name: 'content', value: target === '' ? delay! : `${delay}; url=${target}` },
  ];
  return 'keep';
}

/** A refresh URL as browsers read it: after an opening quote, up to the matching one. */
function unquoted(url: string): string {
  const quote = url[0];
  if (quote !== '"' && quote !== "'") return url;
  const end = url.indexOf(quote, 1);
  return end < 0 ? url.slice(1) : url.slice(1, end);
}

/** `<link>`: every rel token in LINK_RELATIONS and an href into the network. */
function linkVerdict(element: Element): Verdict {
  const relations = (attributeOf(element, 'rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const known = relations.length > 0 && relations.every((relation) => LINK_RELATIONS.has(relation));
  return known && attributeOf(element, 'href') !== undefined ? 'keep' : 'drop';
}

function attributeOf(element: Element, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value;
}

function textOf(element: Element): string {
  return element.childNodes.map((node) => (node.nodeName === '#text' ? (node as DefaultTreeAdapterMap['textNode']).value : '')).join('');
}

function replaceText(element: Element, text: string): void {
  element.childNodes = [];
  if (text !== '') defaultTreeAdapter.insertText(element, text);
}

/** The document's <body>, made when there is none (a frameset's was dropped with it): the output always has one, as it will once read again. */
function bodyOf(document: DefaultTreeAdapterMap['document']): Element | undefined {
  const root = document.childNodes.find((node): node is Element => 'tagName' in node && node.tagName === 'html');
  if (root === undefined) return undefined;
  const body = root.childNodes.find((node): node is Element => 'tagName' in node && node.tagName === 'body');
  if (body !== undefined) return body;
  const made = defaultTreeAdapter.createElement('body', html.NS.HTML, []);
  defaultTreeAdapter.appendChild(root, made);
  return made;
}

function withNotice(filtered: string, notice: string): string {
  const document = parse(filtered);
  const body = bodyOf(document);
  if (body === undefined) return filtered;
  const fragment = parseFragment(body, notice, {});
  for (const node of fragment.childNodes) node.parentNode = body;
  body.childNodes = [...fragment.childNodes, ...body.childNodes];
  return serialize(document);
}
