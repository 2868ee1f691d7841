/**
 * The CSS filter (spec/gateway.md §4): an allow-list over css-tree's syntax tree. What it cannot
 * vouch for goes, whole: a declaration, rule or at-rule holding an unparsed (Raw) part, a function
 * not on the list below, or a URL out of the network.
 *
 *   text ──css-tree parse (error-tolerant)──> Stylesheet
 *        ──keep──> rules whose selector parsed; at-rules in AT_RULES (@import only into the network)
 *                  declarations: no BANNED_PROPERTIES, every function in SAFE_FUNCTIONS,
 *                  every url() into the network (rewritten to its absolute gateway path)
 *        ──generate──> text with every "<" escaped (it may sit in an HTML <style> element)
 *
 * `filterStylesheet` serves .css files and <style> elements; `filterDeclarations` style attributes.
 */
import { type CssNode, type Declaration, generate, type List, parse, walk } from 'css-tree';
import { resourceTarget } from './urls.js';

/** At-rules kept (vendor prefixes stripped first); `import` only into the network. */
const AT_RULES = new Set([
  'media',
  'supports',
  'font-face',
  'keyframes',
  'page',
  'layer',
  'container',
  'import',
  'font-feature-values',
  'counter-style',
  'property',
  'scope',
  'starting-style',
]);
/** Properties that ran code in old browsers. */
const BANNED_PROPERTIES = new Set(['behavior', '-moz-binding', '-ms-behavior']);
/** Functions that fetch nothing (image-set(), src(), image(), attr()… are not here: they can name a URL). */
const SAFE_FUNCTIONS = new Set([
  ...['rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'color-mix', 'light-dark'],
  ...['calc', 'min', 'max', 'clamp', 'round', 'mod', 'rem', 'abs', 'sign', 'var', 'env'],
  ...['linear-gradient', 'radial-gradient', 'conic-gradient', 'repeating-linear-gradient', 'repeating-radial-gradient', 'repeating-conic-gradient'],
  ...['translate', 'translatex', 'translatey', 'translatez', 'translate3d', 'rotate', 'rotatex', 'rotatey', 'rotatez', 'rotate3d'],
  ...['scale', 'scalex', 'scaley', 'scalez', 'scale3d', 'skew', 'skewx', 'skewy', 'matrix', 'matrix3d', 'perspective'],
  ...['cubic-bezier', 'steps', 'linear', 'counter', 'counters', 'local', 'format', 'tech', 'rect', 'inset', 'circle', 'ellipse', 'polygon'],
  ...['blur', 'brightness', 'contrast', 'drop-shadow', 'grayscale', 'hue-rotate', 'invert', 'opacity', 'saturate', 'sepia'],
  ...['minmax', 'repeat', 'fit-content', 'selector'],
]);

const PARSE_OPTIONS = { positions: false, parseCustomProperty: true, onParseError: () => undefined } as const;

const unprefixed = (name: string): string => name.toLowerCase().replace(/^-[a-z]+-(?=keyframes$)/, '');

/**
 * Checks a subtree in place: rewrites each url() into the network to its gateway path; false when
 * the subtree holds anything the filter cannot vouch for.
 */
function vouchFor(node: CssNode, documentPath: string): boolean {
  let safe = true;
  walk(node, (inner) => {
    if (!safe) return;
    if (inner.type === 'Raw') safe = false;
    else if (inner.type === 'Function' && !SAFE_FUNCTIONS.has(inner.name.toLowerCase())) safe = false;
    else if (inner.type === 'Url') {
      const target = resourceTarget(inner.value, documentPath);
      if (target === undefined) safe = false;
      else inner.value = target;
    }
  });
  return safe;
}

function keepDeclaration(declaration: Declaration, documentPath: string): boolean {
  return !BANNED_PROPERTIES.has(declaration.property.toLowerCase()) && vouchFor(declaration.value, documentPath);
}

/** `@import` into the network, rewritten; anything else about it (media, layer…) must be vouched for too. */
function keepImport(prelude: CssNode, documentPath: string): boolean {
  if (prelude.type !== 'AtrulePrelude') return false;
  const first = prelude.children.first;
  if (first?.type !== 'String') return vouchFor(prelude, documentPath) && first?.type === 'Url';
  const target = resourceTarget(first.value, documentPath);
  if (target === undefined) return false;
  first.value = target;
  return vouchFor(prelude, documentPath);
}

function keepNode(node: CssNode, documentPath: string): boolean {
  switch (node.type) {
    case 'Declaration':
      return keepDeclaration(node, documentPath);
    case 'Rule':
      return vouchFor(node.prelude, documentPath) && keepChildren(node.block.children, documentPath);
    case 'Atrule': {
      const name = unprefixed(node.name);
      if (!AT_RULES.has(name)) return false;
      if (name === 'import') return node.prelude !== null && keepImport(node.prelude, documentPath);
      if (node.prelude !== null && !vouchFor(node.prelude, documentPath)) return false;
      return node.block === null || keepChildren(node.block.children, documentPath);
    }
    default:
      return false;
  }
}

/** Filters a list of rules, at-rules or declarations in place; always true (an emptied block stays). */
function keepChildren(children: List<CssNode>, documentPath: string): boolean {
  // css-tree's lists may lose their current item while iterated.
  children.forEach((node, item) => {
    if (!keepNode(node, documentPath)) children.remove(item);
  });
  return true;
}

function filtered(text: string, context: 'stylesheet' | 'declarationList', documentPath: string): string {
  try {
    const tree = parse(text, { ...PARSE_OPTIONS, context });
    if (tree.type !== 'StyleSheet' && tree.type !== 'DeclarationList') return '';
    keepChildren(tree.children, documentPath);
    return generate(tree).replaceAll('<', '\\3c ');
  } catch {
    // A stylesheet the parser cannot take (nested too deeply for the stack, say) is dropped whole.
    return '';
  }
}

/** A stylesheet (a .css file or an HTML <style> element) served at `documentPath`, filtered. */
export function filterStylesheet(text: string, documentPath: string): string {
  return filtered(text, 'stylesheet', documentPath);
}

/** A style attribute's declarations, filtered. */
export function filterDeclarations(text: string, documentPath: string): string {
  return filtered(text, 'declarationList', documentPath);
}
