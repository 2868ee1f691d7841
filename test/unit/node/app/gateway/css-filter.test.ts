import assert from 'node:assert/strict';
import fc from 'fast-check';
import { filterDeclarations, filterStylesheet } from '../../../../../node/app/gateway/css-filter.js';
import { cssProblem, DOCUMENT_PATH } from './support.js';

const SITE = DOCUMENT_PATH.slice(0, DOCUMENT_PATH.lastIndexOf('/') + 1);
const sheet = (css: string): string => filterStylesheet(css, DOCUMENT_PATH);

describe('node/app/gateway/css-filter', () => {
  it('rewrites url() and @import into the network to gateway paths', () => {
    assert.equal(sheet('a{background:url(img/x.png)}'), `a{background:url(${SITE}img/x.png)}`);
    assert.equal(sheet('@import "base.css";'), `@import "${SITE}base.css";`);
    assert.equal(sheet('@import url(../up.css) screen;'), `@import url(${SITE.replace(/site\/$/, '')}up.css)screen;`);
    assert.equal(sheet('@font-face{font-family:f;src:url(f.woff2) format("woff2")}'), `@font-face{font-family:f;src:url(${SITE}f.woff2)format("woff2")}`);
  });

  it('drops every declaration, rule and at-rule that reaches outside or cannot be vouched for', () => {
    const cases: [string, string][] = [
      ['a{color:red;background:url(http://evil.example/x)}', 'a{color:red}'],
      ['a{background:url(//evil.example/x)}', 'a{}'],
      ['@import "http://evil.example/a.css";p{color:blue}', 'p{color:blue}'],
      ['@import url(https://evil.example/a.css);', ''],
      ['a{background:image-set("http://evil.example/x" 1x)}', 'a{}'],
      ['a{background:-webkit-image-set(url(x.png) 1x)}', 'a{}'],
      ['a{background:\\75rl(http://evil.example/x);color:red}', 'a{color:red}'],
      ['a{width:expression(alert(1))}', 'a{}'],
      ['a{behavior:url(x.htc);-moz-binding:url(x.xml#b)}', 'a{}'],
      ['@namespace url(http://evil.example/ns);a{}', 'a{}'],
      ['@document url(http://evil.example/){a{color:red}}', ''],
      ['@media screen{a{background:url(http://evil.example/x);color:red}}', '@media screen{a{color:red}}'],
      ['a{color:red;;;} }}} b{', 'a{color:red}'],
      ['a{content:"</style><script>alert(1)</script>"}', 'a{content:"\\3c /style>\\3c script>alert(1)\\3c /script>"}'],
      ['a{background:url("javascript:alert(1)")}', 'a{}'],
      ['a{background:url(data:image/png;base64,AAAA)}', 'a{}'],
    ];
    for (const [input, expected] of cases) assert.equal(sheet(input), expected, input);
  });

  it('filters a style attribute as a declaration list', () => {
    assert.equal(filterDeclarations('color:red; background:url(http://evil.example/x); border:1px solid', DOCUMENT_PATH), 'color:red;border:1px solid');
    assert.equal(filterDeclarations('background:url(a.png)', DOCUMENT_PATH), `background:url(${SITE}a.png)`);
  });

  it('never throws, is idempotent and keeps no outside URL (property)', () => {
    const token = fc.oneof(
      fc.constantFrom('a{', '}', ';', ':', 'color', 'red', 'background', 'url(', ')', '"', "'", '@import ', '@media screen{', '@font-face{', 'src:'),
      fc.constantFrom(
        'http://evil.example/x',
        '//evil.example/x',
        '\\\\evil.example',
        'x.png',
        '\\75rl(',
        'image-set(',
        'var(--x)',
        '--x:',
        '/*',
        '*/',
        '<',
        '</style>',
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), (tokens) => {
        const once = sheet(tokens.join(''));
        assert.equal(sheet(once), once);
        assert.equal(cssProblem(once), undefined);
        assert.ok(!once.includes('<'), once);
      }),
      { numRuns: 400 },
    );
  });
});
