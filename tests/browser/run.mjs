#!/usr/bin/env node
// Browser checks over a built flowsite site.
//
//   node tests/browser/run.mjs SITE_DIR SHOT_DIR
//
// Serves SITE_DIR under a sub-path on 127.0.0.1 (ephemeral port), drives
// Debian's /usr/bin/chromium through playwright-core and, for every page in
// pages.json (next to this file), checks: screenshots in light, dark and
// phone modes; no console errors, page errors or failed requests; axe-core
// WCAG 2.x A/AA; no <script>; no horizontal scroll at 390 px; chart text at
// least 11 CSS px at 390 px; at 1200 and 390 px no table or figure wider
// than its container, no text clipped by or overflowing its box, no chart
// label outside its viewBox or over another label, the masthead's language
// switch on the site name's row (and at 1200 px the sections too). Then serves a missing
// nested URL (weeks/2099-01-01/) as a real host does, with 404.html, at the
// path of the site's canonical address, and checks the page is styled and
// its links resolve. Then crawls every same-origin link from the home page
// and fails on any that does not load (or whose #fragment is missing).
// Ends with "N passed, M failed"; exits 1 if any check failed.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BASE = '/flowsite-test/sub/path/'; // the site is served under this sub-path
const AXE_URL_PATH = '/__test-tools/axe.min.js'; // outside BASE on purpose
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--hide-scrollbars',
];
const MODES = [
  { name: 'light', width: 1200, height: 900, colorScheme: 'light', axe: true },
  { name: 'dark', width: 1200, height: 900, colorScheme: 'dark', axe: true },
  { name: 'phone', width: 390, height: 844, colorScheme: 'light', axe: true, phone: true },
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MIN_CHART_TEXT_PX = 11;
const CRAWL_LIMIT = 400;
const DATA_EXT = /\.(csv|json|xml|txt|svg|png|jpe?g|gif|webp|ico|pdf|zip)$/i;

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

// ---------------------------------------------------------------- results
let passed = 0;
let failed = 0;
function check(name, ok, details = []) {
  if (ok) {
    passed++;
    console.log(`PASS ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}`);
  }
  for (const d of details) console.log(`     ${d}`);
  return ok;
}
function info(msg) {
  console.log(`     ${msg}`);
}

function usage(msg) {
  console.error(msg);
  console.error('usage: node tests/browser/run.mjs SITE_DIR SHOT_DIR');
  console.log('0 passed, 1 failed');
  process.exit(2);
}

// ---------------------------------------------------------------- server
function startServer(siteDir, base = BASE) {
  const axeFile = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
  const server = http.createServer((req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8', extra = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    if (urlPath === AXE_URL_PATH) {
      return fs.readFile(axeFile, (err, buf) =>
        err ? send(500, `cannot read ${axeFile}\n`) : send(200, buf, CONTENT_TYPES['.js']));
    }
    if (!urlPath.startsWith(base)) return send(404, `not under ${base}: ${urlPath}\n`);
    const rel = urlPath.slice(base.length);
    // A missing page gets the site's 404.html with status 404, as static
    // hosts (GitHub Pages, Netlify, S3 with an error document) serve it.
    const notFound = () => fs.readFile(path.join(siteDir, '404.html'), (err, buf) =>
      err ? send(404, `not found: ${urlPath}\n`) : send(404, buf, CONTENT_TYPES['.html']));
    let file = path.resolve(siteDir, '.' + path.posix.normalize('/' + rel));
    if (file !== siteDir && !file.startsWith(siteDir + path.sep)) return send(404, 'outside site\n');
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        if (!urlPath.endsWith('/')) {
          return send(301, 'moved\n', undefined, { Location: urlPath + '/' });
        }
        file = path.join(file, 'index.html');
      }
      fs.readFile(file, (err2, buf) => {
        if (err2) return notFound();
        const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
        send(200, buf, type);
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------- page helpers
function attachRecorder(page, origin) {
  const rec = { events: [] };
  const sameOrigin = (u) => u.startsWith(origin + '/');
  const local = (u) => /^(data|blob|about|chrome|chrome-extension):/.test(u);
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc && loc.url ? ` (${loc.url})` : '';
      const hint = loc && loc.url === origin + '/favicon.ico'
        ? ' [no <link rel="icon"> in the page, so the browser asks for /favicon.ico at the host root, outside the site\'s sub-path]'
        : '';
      rec.events.push(`console error: ${msg.text()}${where}${hint}`);
    }
  });
  page.on('pageerror', (err) => rec.events.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    const u = req.url();
    if (local(u)) return;
    const f = req.failure();
    rec.events.push(`request failed: ${u} (${f ? f.errorText : 'unknown'})`);
  });
  page.on('request', (req) => {
    const u = req.url();
    if (!local(u) && !sameOrigin(u)) rec.events.push(`request leaves the site: ${u}`);
  });
  page.on('response', (resp) => {
    const u = resp.url();
    if (sameOrigin(u) && resp.status() >= 400) rec.events.push(`HTTP ${resp.status()}: ${u}`);
  });
  return rec;
}

async function load(page, rec, url) {
  rec.events = [];
  const resp = await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => true));
  return resp;
}

async function runAxe(page, origin) {
  const already = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!already) await page.addScriptTag({ url: origin + AXE_URL_PATH });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    const slim = (list) => list.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' '),
        summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim(),
        html: (n.html || '').slice(0, 160),
      })),
    }));
    const incomplete = r.incomplete.map((v) => `${v.id} at ${v.nodes.slice(0, 3).map((n) =>
      `${n.target.join(' ')}${n.any && n.any[0] && n.any[0].message ? ` (${n.any[0].message})` : ''}`).join('; ')}`);
    return { violations: slim(r.violations), incomplete };
  }, AXE_TAGS);
}

function describeViolations(violations) {
  const out = [];
  for (const v of violations) {
    out.push(`${v.id} [${v.impact}] ${v.help} — ${v.nodes.length} node(s) — ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 4)) {
      out.push(`    at ${n.target}`);
      out.push(`       ${n.html}`);
      if (n.summary) out.push(`       ${n.summary.slice(0, 300)}`);
    }
    if (v.nodes.length > 4) out.push(`    … and ${v.nodes.length - 4} more`);
  }
  return out;
}

// Static-markup rule: the site ships no JavaScript.
async function scriptFindings(page) {
  return page.evaluate(() => {
    const found = [];
    for (const s of document.querySelectorAll('script')) {
      found.push(`<script${s.src ? ` src="${s.getAttribute('src')}"` : ''}> ${s.textContent.slice(0, 60)}`);
    }
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) found.push(`<${el.localName} ${a.name}="…"> inline event handler`);
        if (/^\s*javascript:/i.test(a.value)) found.push(`<${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
      }
    }
    return found;
  });
}

// Rendered size of every visible <text> in svg.chart, in CSS px: computed
// font-size (user units) x the vertical scale of the text's screen CTM
// (which includes the viewBox scaling and any transforms).
async function chartTextSizes(page) {
  return page.evaluate(() => {
    const out = [];
    let index = 0;
    for (const svg of document.querySelectorAll('svg.chart')) {
      index++;
      const r = svg.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(svg).display === 'none') continue;
      const vb = svg.viewBox && svg.viewBox.baseVal;
      const label = `${svg.closest('figure')?.id || 'svg'}#${index}.${[...svg.classList].join('.')}`;
      for (const t of svg.querySelectorAll('text')) {
        if (!t.textContent.trim()) continue;
        const cs = getComputedStyle(t);
        if (cs.display === 'none' || cs.visibility === 'hidden') continue;
        const tr = t.getBoundingClientRect();
        if (tr.width === 0 && tr.height === 0) continue;
        const m = t.getScreenCTM();
        const scale = m ? Math.hypot(m.c, m.d) : (vb && vb.width ? r.width / vb.width : 1);
        const px = parseFloat(cs.fontSize) * scale;
        out.push({
          chart: label,
          text: t.textContent.trim().slice(0, 40),
          px: Math.round(px * 100) / 100,
          boxHeight: Math.round(tr.height * 100) / 100,
          clippedLeft: tr.left < -0.5,
          clippedRight: tr.right > document.documentElement.clientWidth + 0.5,
        });
      }
    }
    return out;
  });
}

// Pairs of visible chart labels whose ink boxes overlap. A text box is the
// line box (ascent + descent); it is trimmed by 20% top and bottom so that
// labels merely stacked line by line do not count, and the pair must share
// more than 2 px horizontally (glyph side bearings make 1-2 px harmless).
async function chartLabelOverlaps(page) {
  return page.evaluate(() => {
    const out = [];
    let index = 0;
    let charts = 0;
    for (const svg of document.querySelectorAll('svg.chart')) {
      index++;
      const r = svg.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(svg).display === 'none') continue;
      charts++;
      const label = `${svg.closest('figure')?.id || 'svg'}#${index}.${[...svg.classList].join('.')}`;
      const boxes = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((t) => {
        const b = t.getBoundingClientRect();
        const trim = b.height * 0.2;
        return { text: t.textContent.trim().slice(0, 30), l: b.left, r: b.right, t: b.top + trim, b: b.bottom - trim };
      }).filter((b) => b.r > b.l);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]; const c = boxes[j];
          const w = Math.min(a.r, c.r) - Math.max(a.l, c.l);
          const h = Math.min(a.b, c.b) - Math.max(a.t, c.t);
          if (w > 2 && h > 1) out.push(`"${a.text}" and "${c.text}" in ${label} (${w.toFixed(1)}x${h.toFixed(1)} px)`);
        }
      }
    }
    return { charts, overlaps: out };
  });
}

// Contrast of every visible chart <text> fill against the page background
// behind its chart (axe reports SVG text as "needs review", so check it here).
async function chartTextContrast(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (x, y) => { const a = lum(x); const b = lum(y); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
    const bgOf = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const out = [];
    let index = 0;
    for (const svg of document.querySelectorAll('svg.chart')) {
      index++;
      const r = svg.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(svg).display === 'none') continue;
      const bg = bgOf(svg);
      const label = `${svg.closest('figure')?.id || 'svg'}#${index}.${[...svg.classList].join('.')}`;
      for (const t of svg.querySelectorAll('text')) {
        if (!t.textContent.trim()) continue;
        const cs = getComputedStyle(t);
        const fill = parse(cs.fill);
        if (!fill) continue;
        out.push({ chart: label, text: t.textContent.trim().slice(0, 40), fill: cs.fill,
          attr: t.getAttribute('fill'), bg: `rgb(${bg.r}, ${bg.g}, ${bg.b})`,
          ratio: Math.round(ratio(fill, bg) * 100) / 100 });
      }
    }
    return out;
  });
}

// The masthead's rows: the other edition's link shares the site name's
// row (never a row of its own), and on a desktop the sections do too.
async function mastheadFindings(page, desktop) {
  return page.evaluate((desktop) => {
    const header = document.querySelector('.site-header');
    if (!header) return ['no .site-header'];
    const box = (sel) => { const el = header.querySelector(sel); return el && el.getBoundingClientRect(); };
    const title = box('.site-title');
    const beside = (r) => r && title && r.top < title.bottom && r.bottom > title.top;
    const found = [];
    const sw = box('.language-switch');
    if (sw && !beside(sw)) found.push(`language switch at y ${Math.round(sw.top)}, below the site name's row (y ${Math.round(title.top)}-${Math.round(title.bottom)})`);
    const nav = box('nav');
    if (desktop && nav && !beside(nav)) found.push(`sections at y ${Math.round(nav.top)}, below the site name's row`);
    return found;
  }, desktop);
}

// ---------------------------------------------------------------- main
// Boxes wider than their container, and text cut off by or spilling out of
// its own box, at the current viewport. A table is measured against the
// element that holds it, so a table scrolling inside a wrapper counts too.
async function layoutFindings(page) {
  return page.evaluate(() => {
    const name = (el) => `<${el.localName}${el.id ? '#' + el.id : ''}${el.classList.length ? '.' + [...el.classList].join('.') : ''}>`;
    const visible = (el) => {
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return cs.display !== 'none' && cs.visibility !== 'hidden' && r.width > 0 && r.height > 0;
    };
    const wide = [];
    for (const el of document.querySelectorAll('main table, main figure, main svg, main img, main pre')) {
      if (!visible(el)) continue;
      const holder = el.parentElement;
      const r = el.getBoundingClientRect();
      const h = holder.getBoundingClientRect();
      const cs = getComputedStyle(holder);
      const inner = h.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      if (r.width > inner + 1 || (el.localName === 'table' && holder.scrollWidth > holder.clientWidth + 1)) {
        wide.push(`${name(el)} ${Math.round(r.width)} px in ${name(holder)} of ${Math.round(inner)} px`);
      }
    }
    const clipped = [];
    const textual = 'h1, h2, h3, h4, p, li, dt, dd, th, td, caption, figcaption, a, time, span, .site-title';
    for (const el of document.querySelectorAll(textual)) {
      if (!visible(el) || !el.textContent.trim()) continue;
      if (el.closest('svg') || el.closest('.skip-link') || el.classList.contains('visually-hidden')) continue;
      const cs = getComputedStyle(el);
      if (cs.display === 'inline') continue; // inline boxes have no scroll box
      if (el.scrollWidth > el.clientWidth + 1) {
        clipped.push(`${name(el)} "${el.textContent.trim().slice(0, 40)}" needs ${el.scrollWidth} px, has ${el.clientWidth}`);
      }
    }
    return { wide, clipped };
  });
}

// Chart labels whose ink runs outside the chart's viewBox, in user units.
async function chartLabelsOutsideViewBox(page) {
  return page.evaluate(() => {
    const out = [];
    let charts = 0;
    let index = 0;
    const ctx = document.createElement('canvas').getContext('2d');
    for (const svg of document.querySelectorAll('svg.chart')) {
      index++;
      if (getComputedStyle(svg).display === 'none') continue;
      const vb = svg.viewBox && svg.viewBox.baseVal;
      if (!vb || !vb.width) continue;
      charts++;
      const label = `${svg.closest('figure')?.id || 'svg'}#${index}`;
      for (const t of svg.querySelectorAll('text')) {
        if (!t.textContent.trim()) continue;
        const b = t.getBBox();
        if (b.width === 0) continue;
        // getBBox spans the font's whole line box (ascent + descent), which
        // rises above capitals; measure the ink of these glyphs from the
        // baseline instead, so a label set flush to the top still passes.
        const cs = getComputedStyle(t);
        ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const ink = ctx.measureText(t.textContent);
        const baseline = b.y + ink.fontBoundingBoxAscent;
        const inkTop = baseline - ink.actualBoundingBoxAscent;
        const inkBottom = baseline + ink.actualBoundingBoxDescent;
        // getBBox is in the text's own user space; map its corners to the svg's.
        const m = svg.getScreenCTM().inverse().multiply(t.getScreenCTM());
        const pts = [[b.x, inkTop], [b.x + b.width, inkBottom]].map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
        const [l, r] = [Math.min(pts[0].x, pts[1].x), Math.max(pts[0].x, pts[1].x)];
        const [top, bottom] = [Math.min(pts[0].y, pts[1].y), Math.max(pts[0].y, pts[1].y)];
        if (l < vb.x - 0.5 || r > vb.x + vb.width + 0.5 || top < vb.y - 0.5 || bottom > vb.y + vb.height + 0.5) {
          out.push(`"${t.textContent.trim().slice(0, 30)}" in ${label}: ${l.toFixed(1)}..${r.toFixed(1)} x ${top.toFixed(1)}..${bottom.toFixed(1)} in viewBox ${vb.x} ${vb.y} ${vb.width} ${vb.height}`);
        }
      }
    }
    return { charts, out };
  });
}

// The path the site is published under, from the home page's canonical
// link (the 404 page links from there); "/" for a site without base_url.
function sitePath(siteDir) {
  const home = fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8');
  const m = home.match(/<link rel="canonical" href="([^"]+)"/);
  if (!m) return '/';
  const p = new URL(m[1]).pathname;
  return p.endsWith('/') ? p : p + '/';
}

async function main() {
  const [siteArg, shotArg] = process.argv.slice(2);
  if (!siteArg || !shotArg) usage('missing arguments');
  const siteDir = path.resolve(siteArg);
  const shotDir = path.resolve(shotArg);
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) usage(`${siteDir}/index.html does not exist: build the site first`);
  const pagesFile = process.env.PAGES_JSON ? path.resolve(process.env.PAGES_JSON) : path.join(HERE, 'pages.json');
  let pages;
  try {
    pages = JSON.parse(fs.readFileSync(pagesFile, 'utf8'));
  } catch (e) {
    usage(`cannot read ${pagesFile}: ${e.message}`);
  }
  if (!pages || typeof pages !== 'object' || Array.isArray(pages) || Object.keys(pages).length === 0) {
    usage(`${pagesFile} must be a non-empty JSON object {"type": "path/relative/to/site/index.html", ...}`);
  }
  if (!fs.existsSync(path.join(HERE, 'node_modules', 'playwright-core'))) {
    usage(`${HERE}/node_modules is missing: run (cd ${path.relative(process.cwd(), HERE) || '.'} && npm ci)`);
  }
  const { chromium } = await import('playwright-core');
  await fsp.mkdir(shotDir, { recursive: true });

  const t0 = Date.now();
  const server = await startServer(siteDir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const root = origin + BASE;
  console.log(`serving ${siteDir} at ${root}`);

  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'flowsite-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1200, height: 900 },
    });
    const page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(20000);
    const rec = attachRecorder(page, origin);

    // ------------------------------------------------ representative pages
    for (const [type, rel] of Object.entries(pages)) {
      console.log(`\n== ${type}: ${rel}`);
      if (typeof rel !== 'string' || rel === '' || rel.startsWith('/') || rel.includes('..')) {
        check(`${type}: pages.json entry is a relative path inside the site`, false, [`got ${JSON.stringify(rel)}`]);
        continue;
      }
      const file = path.join(siteDir, rel);
      const exists = fs.existsSync(file) && fs.statSync(file).isFile();
      if (!check(`${type}: ${rel} exists in the site`, exists,
        exists ? [] : [`${file} does not exist (listed as "${type}" in ${pagesFile})`])) {
        continue;
      }
      const url = root + rel.split('/').map(encodeURIComponent).join('/');
      for (const mode of MODES) {
        const tag = `${type}/${mode.name}`;
        await page.setViewportSize({ width: mode.width, height: mode.height });
        await page.emulateMedia({ colorScheme: mode.colorScheme, reducedMotion: 'reduce' });
        let resp;
        try {
          resp = await load(page, rec, url);
        } catch (e) {
          check(`${tag}: page loads`, false, [e.message.split('\n')[0]]);
          continue;
        }
        check(`${tag}: page loads (HTTP ${resp ? resp.status() : '?'})`, !!resp && resp.status() === 200);

        const shot = path.join(shotDir, `${type}-${mode.name}.png`);
        await page.screenshot({ path: shot, fullPage: true, animations: 'disabled', caret: 'hide' });

        if (mode.name === 'light') {
          // Embed pages carry one small inline script (theme, ?plain, and the
          // height they post to the host page); the rest of the site none.
          const embed = rel.includes('/embed/');
          const scripts = (await scriptFindings(page)).filter((f) => !(embed && /^<script> \(function/.test(f)));
          check(`${type}: no <script>, inline handlers or javascript: URLs${embed ? ' (besides the embed script)' : ''}`,
            scripts.length === 0, scripts.slice(0, 10));
        }

        if (mode.phone) {
          const sw = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            client: document.documentElement.clientWidth,
            wide: [...document.querySelectorAll('body *')]
              .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > document.documentElement.clientWidth + 1; })
              .slice(0, 5)
              .map((el) => `<${el.localName}${el.id ? '#' + el.id : ''}${el.classList.length ? '.' + [...el.classList].join('.') : ''}> right edge ${Math.round(el.getBoundingClientRect().right)} px`),
          }));
          check(`${tag}: no horizontal scroll at ${mode.width} px (scrollWidth ${sw.scroll})`, sw.scroll <= mode.width + 1,
            sw.scroll <= mode.width + 1 ? [] : sw.wide);

          const texts = await chartTextSizes(page);
          if (texts.length === 0) {
            info(`${tag}: no visible svg.chart text on this page`);
          } else {
            const smallest = texts.reduce((a, b) => (b.px < a.px ? b : a));
            const small = texts.filter((t) => t.px < MIN_CHART_TEXT_PX);
            check(`${tag}: chart text >= ${MIN_CHART_TEXT_PX} CSS px at ${mode.width} px (${texts.length} labels; smallest ${smallest.px} px "${smallest.text}" in ${smallest.chart})`,
              small.length === 0,
              small.slice(0, 8).map((t) => `${t.px} px (box ${t.boxHeight} px) "${t.text}" in ${t.chart}`)
                .concat(small.length > 8 ? [`… and ${small.length - 8} more`] : []));
            const clipped = texts.filter((t) => t.clippedLeft || t.clippedRight);
            check(`${tag}: chart labels inside the viewport at ${mode.width} px`, clipped.length === 0,
              clipped.slice(0, 8).map((t) => `"${t.text}" in ${t.chart} ${t.clippedLeft ? 'past the left edge' : 'past the right edge'}`));
          }
        }

        if (mode.name !== 'dark') {
          const lay = await layoutFindings(page);
          check(`${tag}: no table or figure wider than its container at ${mode.width} px`, lay.wide.length === 0, lay.wide.slice(0, 8));
          check(`${tag}: no text clipped or overflowing its box at ${mode.width} px`, lay.clipped.length === 0, lay.clipped.slice(0, 8));
          // Embed pages are made for iframes: they have no masthead.
          if (!rel.includes('/embed/')) {
            const masthead = await mastheadFindings(page, !mode.phone);
            check(`${tag}: the masthead keeps the language switch${mode.phone ? '' : ' and the sections'} on the site name's row at ${mode.width} px`,
              masthead.length === 0, masthead);
          }
          const vb = await chartLabelsOutsideViewBox(page);
          if (vb.charts) check(`${tag}: labels in ${vb.charts} chart(s) inside the viewBox`, vb.out.length === 0, vb.out.slice(0, 8));
        }

        if (mode.name !== 'dark') {
          const { charts, overlaps } = await chartLabelOverlaps(page);
          if (charts) check(`${tag}: labels in ${charts} chart(s) do not overlap each other`, overlaps.length === 0,
            overlaps.slice(0, 8).concat(overlaps.length > 8 ? [`… and ${overlaps.length - 8} more`] : []));
        }

        const contrast = await chartTextContrast(page);
        if (contrast.length) {
          const low = contrast.filter((c) => c.ratio < 4.5);
          const worst = contrast.reduce((a, b) => (b.ratio < a.ratio ? b : a));
          const seenLow = new Set();
          check(`${tag}: chart text contrast >= 4.5:1 against the page (${contrast.length} labels; lowest ${worst.ratio}:1)`,
            low.length === 0,
            low.filter((c) => { const k = `${c.attr}|${c.fill}|${c.bg}`; if (seenLow.has(k)) return false; seenLow.add(k); return true; })
              .slice(0, 8)
              .map((c) => `${c.ratio}:1 "${c.text}" in ${c.chart}: fill="${c.attr}" renders ${c.fill} on ${c.bg}`));
        }

        if (mode.axe) {
          try {
            const r = await runAxe(page, origin);
            check(`${tag}: axe-core ${AXE_TAGS.join('/')} (${r.violations.length} violation types)`,
              r.violations.length === 0, describeViolations(r.violations));
            if (r.incomplete.length) info(`axe needs review (not failing): ${r.incomplete.join(', ')}`);
          } catch (e) {
            check(`${tag}: axe-core runs`, false, [e.message.split('\n')[0]]);
          }
        }

        // Events include anything raised while loading and checking this mode.
        check(`${tag}: no console errors, page errors or failed requests`, rec.events.length === 0,
          [...new Set(rec.events)].slice(0, 15));
      }
    }

    // ------------------------------------------------ 404 at any depth
    {
      const base = sitePath(siteDir);
      const server404 = await startServer(siteDir, base);
      const origin404 = `http://127.0.0.1:${server404.address().port}`;
      const missing = `${origin404}${base}weeks/2099-01-01/`;
      console.log(`\n== 404: ${missing} served by a host at ${base}`);
      try {
        const rec404 = attachRecorder(page, origin404);
        for (const mode of MODES) {
          const tag = `404-nested/${mode.name}`;
          await page.setViewportSize({ width: mode.width, height: mode.height });
          await page.emulateMedia({ colorScheme: mode.colorScheme, reducedMotion: 'reduce' });
          const resp = await load(page, rec404, missing);
          check(`${tag}: a missing nested URL answers 404 with the site's page`, !!resp && resp.status() === 404 &&
            (await page.title()).length > 0, [`HTTP ${resp ? resp.status() : '?'}`]);
          await page.screenshot({ path: path.join(shotDir, `404-nested-${mode.name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
          const styled = await page.evaluate(() => [...document.styleSheets].some((sh) => { try { return sh.cssRules.length > 0; } catch { return false; } }));
          check(`${tag}: its stylesheet loads`, styled);
          // The 404 itself is expected; anything else failing is not.
          const others = rec404.events.filter((e) => !e.includes('weeks/2099-01-01'));
          check(`${tag}: no other failed requests or console errors`, others.length === 0, [...new Set(others)].slice(0, 10));
          if (mode.name === 'light') {
            const links = await page.evaluate(() => [...document.querySelectorAll('a[href], link[href]')].map((a) => a.href));
            const bad = [];
            for (const href of new Set(links)) {
              const u = new URL(href);
              if (u.origin !== origin404 || u.hash && u.pathname === new URL(missing).pathname) continue;
              const r = await fetch(u.href, { redirect: 'follow' });
              await r.arrayBuffer();
              if (r.status !== 200) bad.push(`${u.pathname} returns ${r.status}`);
            }
            check(`${tag}: its ${new Set(links).size} links resolve`, bad.length === 0, bad);
          }
          if (mode.name !== 'dark') {
            const lay = await layoutFindings(page);
            check(`${tag}: nothing wider than its container or clipped at ${mode.width} px`, lay.wide.length + lay.clipped.length === 0, lay.wide.concat(lay.clipped).slice(0, 8));
          }
          if (mode.axe) {
            const r = await runAxe(page, origin404);
            check(`${tag}: axe-core (${r.violations.length} violation types)`, r.violations.length === 0, describeViolations(r.violations));
          }
        }
      } finally {
        server404.close();
        }
      }

    // ------------------------------------------------ embeds in a host page
    // Each embed listed in pages.json, put in a host page with the iframe
    // its oembed.json offers, at a phone's width and a desktop's: the whole
    // chart shows inside the frame, with no scrollbar.
    for (const [type, rel] of Object.entries(pages)) {
      if (typeof rel !== 'string' || !rel.includes('/embed/')) continue;
      const oembedFile = path.join(siteDir, path.dirname(rel), 'oembed.json');
      if (!check(`${type}: oembed.json beside the embed`, fs.existsSync(oembedFile), [oembedFile])) continue;
      const snippet = JSON.parse(fs.readFileSync(oembedFile, 'utf8')).html;
      const src = root + rel.split('/').map(encodeURIComponent).join('/');
      const frameHtml = snippet.replace(/src="[^"]*"/, `src="${src}"`).replace('loading="lazy"', '');
      for (const width of [390, 1200]) {
        const tag = `${type}/iframe-${width}`;
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: 'light' });
        rec.events.length = 0;
        await load(page, rec, root + 'index.html');
        await page.setContent(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,"><title>Host</title>
<style>body{margin:0;font:16px sans-serif}main{max-width:760px;margin:0 auto;padding:8px}</style></head>
<body><main><p>A newsroom's article, with a chart:</p>${frameHtml}<p>The article goes on.</p></main></body></html>`, { waitUntil: 'load' });
        const frame = page.frames().find((f) => f.url() === src);
        if (!check(`${tag}: the iframe loads the embed`, !!frame, [src])) continue;
        await frame.waitForLoadState('load');
        const m = await frame.evaluate(() => {
          const d = document.documentElement;
          const svg = [...document.querySelectorAll('svg.chart')].find((s) => s.getBoundingClientRect().width > 0);
          const box = (r) => ({ top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right) });
          const texts = svg ? [...svg.querySelectorAll('text')].map((t) => box(t.getBoundingClientRect())).filter((b) => b.right > b.left) : [];
          return { sh: d.scrollHeight, ch: d.clientHeight, sw: d.scrollWidth, cw: d.clientWidth, vw: innerWidth, vh: innerHeight,
            svg: svg ? box(svg.getBoundingClientRect()) : null, texts, height: svg ? svg.getBoundingClientRect().height : 0 };
        });
        check(`${tag}: no scrollbar in the frame (${m.cw}x${m.ch}, content ${m.sw}x${m.sh})`, m.sh <= m.ch + 1 && m.sw <= m.cw + 1);
        const inside = (b) => b.top >= -1 && b.left >= -1 && b.bottom <= m.vh + 1 && b.right <= m.vw + 1;
        check(`${tag}: the chart shows whole in the frame (${m.svg ? `${m.svg.right - m.svg.left}x${m.svg.bottom - m.svg.top}` : 'none'})`,
          !!m.svg && m.height > 150 && inside(m.svg) && m.texts.every(inside),
          [JSON.stringify(m.svg), `${m.texts.filter((b) => !inside(b)).length} labels outside`]);
        await page.screenshot({ path: path.join(shotDir, `${type}-iframe-${width}.png`), fullPage: true });
        check(`${tag}: no console errors, page errors or failed requests`, rec.events.length === 0, [...new Set(rec.events)].slice(0, 10));
      }
    }

    // ------------------------------------------------ crawl
    console.log(`\n== crawl from ${BASE}index.html (limit ${CRAWL_LIMIT} pages)`);
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
    const start = root + 'index.html';
    const queue = [start];
    const seen = new Set([start]);
    const referrers = new Map([[start, ['(start)']]]);
    const ids = new Map(); // page url -> Set of ids
    const fragments = []; // {target, frag, from}
    const external = new Set();
    let crawled = 0;
    let crawlFailed = 0;
    let dataChecked = 0;
    const crawlFail = (msg, details) => { crawlFailed++; check(msg, false, details); };
    while (queue.length) {
      const url = queue.shift();
      const from = (referrers.get(url) || []).slice(0, 3);
      const fromMsg = `linked from ${from.map((f) => f.replace(root, '')).join(', ')}`;
      if (DATA_EXT.test(new URL(url).pathname)) {
        dataChecked++;
        try {
          const r = await fetch(url, { method: 'GET', redirect: 'manual' });
          await r.arrayBuffer();
          if (r.status >= 400) crawlFail(`crawl: ${url.replace(root, '')} returns HTTP ${r.status}`, [fromMsg]);
        } catch (e) {
          crawlFail(`crawl: ${url.replace(root, '')} cannot be fetched`, [e.message, fromMsg]);
        }
        continue;
      }
      if (crawled >= CRAWL_LIMIT) {
        info(`crawl limit ${CRAWL_LIMIT} reached; ${queue.length + 1} URLs not visited`);
        break;
      }
      crawled++;
      let resp;
      try {
        resp = await load(page, rec, url);
      } catch (e) {
        crawlFail(`crawl: ${url.replace(root, '')} does not load`, [e.message.split('\n')[0], fromMsg]);
        continue;
      }
      const status = resp ? resp.status() : 0;
      if (status >= 400 || status === 0) {
        crawlFail(`crawl: ${url.replace(root, '')} returns HTTP ${status}`, [fromMsg]);
        continue;
      }
      if (rec.events.length) {
        crawlFail(`crawl: ${url.replace(root, '')} has console errors or failed requests`, [...new Set(rec.events)].slice(0, 10));
      }
      const ct = (resp.headers()['content-type'] || '');
      if (!ct.startsWith('text/html')) continue;
      const found = await page.evaluate(() => ({
        links: [...document.querySelectorAll('a[href], area[href]')].map((a) => a.href),
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id)
          .concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'))),
      }));
      ids.set(url, new Set(found.ids));
      for (const href of found.links) {
        let u;
        try { u = new URL(href); } catch { continue; }
        if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
        if (u.origin !== origin) { external.add(u.origin + u.pathname); continue; }
        const frag = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
        u.hash = '';
        u.search = '';
        const target = u.href;
        if (frag) fragments.push({ target, frag, from: url });
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
          referrers.set(target, [url]);
        } else if (referrers.has(target) && referrers.get(target).length < 3 && !referrers.get(target).includes(url)) {
          referrers.get(target).push(url);
        }
      }
    }
    // Fragment targets (#id) must exist on the page they point to.
    const badFrag = [];
    for (const { target, frag, from } of fragments) {
      const set = ids.get(target);
      if (set && !set.has(frag)) badFrag.push(`${from.replace(root, '')} -> ${target.replace(root, '')}#${frag}`);
    }
    if (badFrag.length) crawlFail(`crawl: ${new Set(badFrag).size} link(s) point at a missing #fragment`, [...new Set(badFrag)].slice(0, 15));
    check(`crawl: ${crawled} pages and ${dataChecked} data files reachable from the home page under ${BASE}`,
      crawlFailed === 0, crawlFailed ? [`${crawlFailed} crawl problem(s) listed above`] : []);
    const orphans = [];
    const walk = (dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.html?$/.test(e.name)) {
          const u = root + path.relative(siteDir, p).split(path.sep).map(encodeURIComponent).join('/');
          if (!seen.has(u) && !seen.has(u.replace(/index\.html$/, ''))) orphans.push(path.relative(siteDir, p));
        }
      }
    };
    walk(siteDir);
    if (orphans.length) info(`HTML files not linked from any crawled page (not failing): ${orphans.slice(0, 10).join(', ')}${orphans.length > 10 ? ` … (${orphans.length})` : ''}`);
    if (external.size) info(`external links (not followed): ${[...external].slice(0, 10).join(', ')}${external.size > 10 ? ' …' : ''}`);
  } finally {
    if (context) await context.close().catch(() => {});
    server.close();
    await fsp.rm(profile, { recursive: true, force: true }).catch(() => {});
  }
  console.log(`\nscreenshots in ${shotDir}`);
  console.log(`time: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main().then(
  () => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  },
  (e) => {
    console.error(e && e.stack ? e.stack : e);
    failed++;
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(1);
  },
);
