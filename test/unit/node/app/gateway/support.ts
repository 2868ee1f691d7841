/**
 * What the filter tests call inert: a filtered document, read back by parse5 (as a browser reads
 * it), holds no script, no handler, no embedding element, and no URL the browser would load or
 * follow outside the gateway's origin; a link out goes to the leaving page only. The hostile inputs
 * name their outside host `evil.example`, so any trace of it outside a leaving link is a leak.
 */
import { parse as parseCss, walk } from 'css-tree';
import { type DefaultTreeAdapterMap, html, parse } from 'parse5';
import { ChkUri } from '../../../../../protocol/keys/index.js';

/** A site's page as the gateway serves it: `/CHK@…/site/page.html`. */
export const DOCUMENT_PATH = `/${new ChkUri(new Uint8Array(32).fill(7), new Uint8Array(32).fill(9)).toString()}/site/page.html`;
const BASE = `http://gateway.invalid${DOCUMENT_PATH}`;
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'template',
  'noscript',
  'portal',
  'svg',
  'math',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'poster',
  'cite',
  'data',
  'background',
  'formaction',
  'srcset',
  'ping',
  'lowsrc',
  'dynsrc',
  'longdesc',
  'xlink:href',
]);
const ALWAYS_FORBIDDEN_ATTRIBUTES = new Set(['srcset', 'ping', 'background', 'formaction', 'lowsrc', 'dynsrc', 'referrerpolicy', 'xlink:href', 'srcdoc']);

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Why `output` is not inert, or undefined when it is. */
export function leakIn(output: string): string | undefined {
  const stack: Node[] = [parse(output)];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if ('childNodes' in node) stack.push(...node.childNodes);
    if ('content' in node && node.content !== undefined) stack.push(node.content);
    if (!('tagName' in node)) continue;
    const problem = elementProblem(node);
    if (problem !== undefined) return `<${node.tagName}>: ${problem}`;
  }
  return undefined;
}

function elementProblem(element: Element): string | undefined {
  if (element.namespaceURI !== html.NS.HTML) return 'foreign content';
  if (FORBIDDEN_ELEMENTS.has(element.tagName)) return 'forbidden element';
  if (element.tagName === 'style') {
    const css = element.childNodes.map((node) => ('value' in node ? node.value : '')).join('');
    return cssProblem(css);
  }
  for (const { name, value } of element.attrs) {
    const problem = attributeProblem(element, name, value);
    if (problem !== undefined) return `${name}="${value}": ${problem}`;
  }
  return undefined;
}

function attributeProblem(element: Element, name: string, value: string): string | undefined {
  if (name.startsWith('on')) return 'event handler';
  if (ALWAYS_FORBIDDEN_ATTRIBUTES.has(name)) return 'forbidden attribute';
  // A URL attribute's scheme is judged by its origin below (javascript: has none); a plain one must not start like a script URL.
  if (!URL_ATTRIBUTES.has(name) && /^\s*javascript\s*:/i.test(value)) return 'javascript: URL';
  if (name === 'style') return cssProblem(value, 'declarationList');
  if (element.tagName === 'meta' && name === 'content') {
    const url = /url\s*=\s*(.*)$/i.exec(value)?.[1];
    return url === undefined ? undefined : outside(url);
  }
  if (element.tagName === 'meta' && name === 'name' && value.toLowerCase() === 'referrer') return 'referrer policy';
  if (!URL_ATTRIBUTES.has(name)) return value.includes('evil.example') ? 'outside host in a plain attribute' : undefined;
  const leaving = (element.tagName === 'a' || element.tagName === 'area' || name === 'cite') && value.startsWith('/leaving?url=');
  return leaving ? undefined : outside(value);
}

function outside(url: string): string | undefined {
  let resolved: URL;
  try {
    resolved = new URL(url, BASE);
  } catch {
    return undefined;
  }
  return resolved.origin === 'http://gateway.invalid' ? undefined : `leads to ${resolved.href}`;
}

/** CSS is read back by css-tree: every url() and @import string must stay in the origin (escapes decoded, as the browser would). */
export function cssProblem(css: string, context: 'stylesheet' | 'declarationList' = 'stylesheet'): string | undefined {
  if (/javascript|expression\s*\(|behavior|binding|image-set/i.test(css)) return `active CSS: ${css}`;
  let problem: string | undefined;
  walk(parseCss(css, { parseCustomProperty: true, context }), (node) => {
    if (node.type === 'Url') problem ??= outside(node.value);
    if (node.type === 'Raw' && /evil\.example/i.test(node.value)) problem ??= `outside host in unparsed CSS: ${node.value}`;
    if (node.type === 'Atrule' && node.name.toLowerCase() === 'import' && node.prelude?.type === 'AtrulePrelude') {
      const first = node.prelude.children.first;
      if (first?.type === 'String') problem ??= outside(first.value);
    }
  });
  return problem === undefined ? undefined : `${problem} in CSS: ${css}`;
}
