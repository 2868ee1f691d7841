import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderHtml } from '../../../../sim/report/html.js';
import { arbitraryReport, sampleReport } from './sample-report.js';

describe('sim/report/html', () => {
  const html = renderHtml(sampleReport, { wallMs: 2_500, nodes: 200, events: 50_000, peakRssBytes: 100 * 2 ** 20 });

  it('is one self-contained page: inline style, inline SVG, nothing loaded from anywhere', () => {
    assert.ok(html.startsWith('<!doctype html>\n<html lang="en">'));
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    assert.doesNotMatch(html, /<script|<link|<img|src=|href=|url\(|@import/i);
    assert.equal(html.match(/<svg /g)?.length, sampleReport.charts.length);
  });

  it('shows parameters, figures with references, tables, notes and the performance', () => {
    assert.match(html, /<dt>seed<\/dt><dd>7<\/dd><dt>nodes<\/dt><dd>200<\/dd>/);
    assert.match(html, /<tr><td>success rate<\/td><td class="number">99\.4 %<\/td><td class="number">66\.8 %<\/td><td>Sandberg 2006 \(stop\)<\/td><\/tr>/);
    assert.match(html, /<caption>black holes<\/caption>.*<td class="number">0\.95<\/td>.*<td>n\/a<\/td>/s);
    assert.match(html, /<figcaption>hops against size<\/figcaption><svg /);
    assert.match(html, /<li>payloads are 1 KiB<\/li>/);
    assert.match(html, /2\.5 s wall, 200 nodes \(80 nodes\/s\)/);
    assert.ok(!renderHtml(sampleReport).includes('<h2>Performance</h2>'));
  });

  it('escapes every text of the report', () => {
    const hostile = '<script>alert("x")</script>&\'';
    const escaped = '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;';
    const page = renderHtml({
      ...sampleReport,
      scenario: hostile,
      parameters: { [hostile]: hostile },
      figures: [{ name: hostile, value: 1, unit: '', reference: { value: 2, source: hostile } }],
      tables: [{ title: hostile, columns: [hostile], rows: [[hostile]] }],
      charts: [{ title: hostile, xLabel: hostile, yLabel: hostile, kind: 'line', series: [{ label: hostile, points: [[1, 1]] }] }],
      notes: [hostile],
    });
    assert.doesNotMatch(page, /<script|alert\("/);
    assert.equal(
      page.split(escaped).length - 1,
      16,
      'page title, heading, parameter name and value, figure name and source, chart caption, aria-label, ' +
        'two axis labels, point title, legend, table title, column, cell, note',
    );
  });

  it('never lets report text open a tag, for any report', () => {
    fc.assert(
      fc.property(arbitraryReport, (report) => {
        const page = renderHtml(report);
        const tags = new Set([...page.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map(([, name]) => name!.toLowerCase()));
        const allowed = [
          'html',
          'head',
          'meta',
          'title',
          'style',
          'body',
          'h1',
          'h2',
          'p',
          'dl',
          'dt',
          'dd',
          'table',
          'caption',
          'thead',
          'tbody',
          'tr',
          'th',
          'td',
          'div',
          'figure',
          'figcaption',
          'svg',
          'g',
          'line',
          'polyline',
          'circle',
          'rect',
          'text',
          'ul',
          'li',
          'small',
          'br',
        ];
        for (const tag of tags) assert.ok(allowed.includes(tag), `unexpected <${tag}>`);
      }),
      { numRuns: 200 },
    );
  });
});
