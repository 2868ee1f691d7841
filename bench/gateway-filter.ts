/**
 * The gateway's content filters: `npx tsx bench/gateway-filter.ts`.
 *
 * Map: a generated page of about 1 MB (paragraphs, links in and out, images, tables, inline styles, a
 * <style> sheet, scripts and handlers to remove) and a stylesheet of about 1 MB go through
 * html-filter.ts and css-filter.ts; MB/s, medians of 7 runs. Same-run references: parse5 reading and
 * writing the same page unfiltered, and css-tree parsing and writing the same sheet — the parsers'
 * own cost, which the filters add their walk (and, for HTML, a second pass over their output) to.
 */
import { generate, parse as parseCss } from 'css-tree';
import { parse, serialize } from 'parse5';
import { filterStylesheet } from '../node/app/gateway/css-filter.js';
import { filterHtml } from '../node/app/gateway/html-filter.js';
import { median, printRows } from './support.js';

const RUNS = 7;
const PATH = '/CHK@page/site/index.html';

const block = (index: number): string =>
  `<div class="post" id="p${index}" style="margin:1em;background:url(img/${index}.png)"><h2>Post ${index}</h2>` +
  `<p>Some <b>text</b> with <a href="post/${index}.html">a link in</a> and <a href="https://example.org/${index}" onclick="x()">one out</a>.</p>` +
  `<img src="img/${index}.png" srcset="https://example.org/${index}.png 2x" alt="">` +
  `<table><tr><td>${index}</td><td>cell</td></tr></table><script>track(${index})</script></div>`;
const css = (index: number): string =>
  `.c${index} > a:hover{color:rgb(${index % 256},0,0);background:url(img/${index}.png) no-repeat;margin:calc(1px + ${index}%)}` +
  `@media (min-width:${index}px){.d${index}{background:url(https://example.org/${index}.png)}}`;

const styles = Array.from({ length: 200 }, (_, i) => css(i)).join('');
const posts = Array.from({ length: 2400 }, (_, i) => block(i)).join('');
const html = `<!DOCTYPE html><html><head><title>bench</title><style>${styles}</style></head><body>${posts}</body></html>`;
const sheet = Array.from({ length: 7000 }, (_, i) => css(i)).join('\n');

function rate(bytes: number, run: () => unknown): number {
  const times: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return bytes / 1e6 / (median(times) / 1000);
}

const htmlBytes = Buffer.byteLength(html);
const cssBytes = Buffer.byteLength(sheet);
const reference = rate(htmlBytes, () => serialize(parse(html)));
const filtered = rate(htmlBytes, () => filterHtml(html, { documentPath: PATH }));
const cssReference = rate(cssBytes, () => generate(parseCss(sheet)));
const cssFiltered = rate(cssBytes, () => filterStylesheet(sheet, PATH));
printRows(`gateway filters (MB/s, median of ${RUNS}; page ${(htmlBytes / 1e6).toFixed(2)} MB, sheet ${(cssBytes / 1e6).toFixed(2)} MB)`, [
  ['parse5 read + write (reference)', reference.toFixed(1)],
  ['HTML filter', filtered.toFixed(1), `${(filtered / reference).toFixed(2)}× the reference`],
  ['css-tree parse + generate (reference)', cssReference.toFixed(1)],
  ['CSS filter', cssFiltered.toFixed(1), `${(cssFiltered / cssReference).toFixed(2)}× the reference`],
]);
