// Opens a readout HTML report in headless Chromium (Debian's package, never a
// downloaded browser) from file://, and checks what a reader relies on:
//   - the page loads nothing from outside the file and logs no script error;
//   - it lists every meeting of the dataset;
//   - clicking the first meeting with `date` evidence opens its panel, where
//     that evidence, and every other span of the meeting, is highlighted in
//     the visible document text with exactly the words the dataset quotes.
//
// usage: node report.test.mjs REPORT.html DATASET.json
//          [--max-render-ms N] [--screenshot PNG] [--panel-screenshot PNG]
// DATASET.json is the readout/1 JSON the report was made from; the expected
// texts are read from it, not written here.
// Environment: READOUT_CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function usage(message) {
  console.error(`report.test: ${message}`);
  console.error('usage: node report.test.mjs REPORT.html DATASET.json [--max-render-ms N] [--screenshot PNG] [--panel-screenshot PNG]');
  process.exit(2);
}

const positional = [];
const options = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a.startsWith('--')) {
    if (i + 1 >= argv.length) usage(`${a} needs a value`);
    options[a.slice(2)] = argv[++i];
  } else {
    positional.push(a);
  }
}
if (positional.length !== 2) usage('give the report and the dataset it was made from');
const [reportPath, datasetPath] = positional.map((p) => path.resolve(p));
const maxRenderMs = options['max-render-ms'] ? Number(options['max-render-ms']) : null;

const failures = [];
function check(ok, message) {
  if (!ok) failures.push(message);
  return ok;
}

const dataset = JSON.parse(fs.readFileSync(datasetPath, 'utf8'));
const meetings = dataset.meetings || [];
const chosenIndex = meetings.findIndex((m) => (m.evidence || []).some((e) => e.field === 'date'));
const chosen = chosenIndex >= 0 ? meetings[chosenIndex] : null;

const executablePath = process.env.READOUT_CHROMIUM || '/usr/bin/chromium';
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'readout-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
  viewport: { width: 1440, height: 1000 },
});

const metrics = { meetings: meetings.length, html_bytes: fs.statSync(reportPath).size };
try {
  // Nothing but the file itself may load.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('about:')) return route.continue();
    failures.push(`the report tried to load ${url}`);
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') failures.push(`console error: ${m.text()}`); });

  await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForSelector('html[data-ready="true"]', { timeout: 120_000 });
  metrics.render_ms = Math.round(await page.evaluate(() => performance.now()));
  if (maxRenderMs !== null) {
    check(metrics.render_ms <= maxRenderMs, `the report took ${metrics.render_ms} ms to draw (sanity bound ${maxRenderMs} ms)`);
  }

  const summary = await page.textContent('#summary');
  const count = meetings.length.toLocaleString('en');
  check(summary.startsWith(`${count} meeting`), `the summary says ${JSON.stringify(summary)}, expected ${count} meetings`);
  const rows = await page.locator('#meetings tbody tr[data-meeting]').count();
  const pageSize = Number(await page.getAttribute('#meetings', 'data-page-size'));
  check(pageSize > 0 && rows === Math.min(pageSize, meetings.length), `the first page lists ${rows} meetings (page size ${pageSize})`);
  if (meetings.length > 0) {
    const marks = await page.locator('#timeline svg .dot, #timeline svg .bin').count();
    check(marks > 0, 'the timeline draws no meeting');
  }

  if (options.screenshot) await page.screenshot({ path: options.screenshot, fullPage: true });

  if (!chosen) {
    if (options['panel-screenshot']) await page.screenshot({ path: options['panel-screenshot'] });
    console.log(`report.test: note: ${path.basename(datasetPath)} has no meeting with date evidence; checked that the page draws its ${meetings.length} meetings`);
  } else {
    // Page through the list to the meeting, as a reader would.
    const row = page.locator(`#meetings tbody tr[data-meeting="${cssString(chosen.id)}"]`);
    for (let turns = 0; (await row.count()) === 0 && turns < 1000; turns++) {
      const next = page.locator('#pager-top button.next');
      if ((await next.count()) === 0 || (await next.isDisabled())) break;
      await next.click();
    }
    check((await row.count()) === 1, `meeting ${chosen.id} is not in the list`);
    const clickStart = Date.now();
    await row.click();
    await page.waitForSelector('#panel:not([hidden])', { timeout: 30_000 });
    metrics.open_meeting_ms = Date.now() - clickStart;

    const panelDate = await page.textContent('#panel-body h2');
    check(panelDate.includes(chosen.date || 'Undated'), `the panel is headed ${JSON.stringify(panelDate)}`);

    // Every span of the meeting, in every source document, shows exactly the
    // words the dataset quotes (byte offsets into UTF-8 text, cut right).
    // The expected words are cut from the document here, in Node, from the
    // same byte offsets: an independent reading of what the page must show.
    const docText = (id) => ((dataset.documents || []).find((d) => d.id === id) || {}).text || '';
    const words = (id, start, end) => Buffer.from(docText(id), 'utf8').subarray(start, end).toString('utf8');
    const spans = [];
    (chosen.evidence || []).forEach((e, i) => {
      spans.push({ key: `e${i}`, field: e.field, document: e.document, text: words(e.document, e.start, e.end) });
      check(e.text === words(e.document, e.start, e.end), `evidence ${e.field} quotes ${JSON.stringify(e.text)}, not its bytes`);
    });
    (chosen.statements || []).forEach((s, i) => {
      const ev = s.evidence;
      spans.push({ key: `s${i}`, field: 'statement', document: ev.document, text: words(ev.document, ev.start, ev.end) });
    });
    const dateSpan = spans.find((s) => s.field === 'date');
    for (const span of spans) {
      const shown = await page.evaluate(({ key, document: doc }) => {
        const section = Array.from(window.document.querySelectorAll('#panel-body section.doc'))
          .find((s) => s.getAttribute('data-document') === doc);
        if (!section) return null;
        const marks = Array.from(section.querySelectorAll('mark'))
          .filter((m) => (m.getAttribute('data-ev') || '').split(' ').includes(key));
        return marks.map((m) => m.textContent).join('');
      }, span);
      check(shown === span.text, `${span.field} (${span.key}) is highlighted as ${JSON.stringify(shown)}, the dataset says ${JSON.stringify(span.text)}`);
    }

    // The visible text of each source is the document's text, untouched.
    for (const id of chosen.sources || []) {
      const doc = (dataset.documents || []).find((d) => d.id === id);
      const shown = await page.evaluate((docId) => {
        const section = Array.from(document.querySelectorAll('#panel-body section.doc'))
          .find((s) => s.getAttribute('data-document') === docId);
        return section ? section.querySelector('pre.doc-text').textContent : null;
      }, id);
      check(doc && shown === doc.text, `the text shown for ${id} is not the document's text`);
    }
    check((await page.locator('#panel-body b, #panel-body img, #panel-body script').count()) === 0,
      'markup from the dataset was rendered as markup');

    // The date's words: inside a visible, highlighted mark in the document.
    // (Its words were compared above; other spans may cut it into pieces.)
    const dateMark = page.locator(`#panel-body section.doc[data-document="${cssString(dateSpan.document)}"] mark[data-ev~="${dateSpan.key}"]`).first();
    if (check((await dateMark.count()) === 1, `no highlighted mark shows the date's words ${JSON.stringify(dateSpan.text)}`)) {
      await page.locator(`#panel-body button[data-jump="${dateSpan.key}"]`).first().click();
      check(await dateMark.isVisible(), 'the date mark is not visible');
      const style = await dateMark.evaluate((m) => ({
        background: getComputedStyle(m).backgroundColor,
        fields: m.getAttribute('data-fields'),
        flash: m.classList.contains('flash'),
        inView: (() => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })(),
      }));
      check(style.background !== 'rgba(0, 0, 0, 0)' && style.background !== 'transparent', 'the date mark is not highlighted');
      check(style.fields.split(' ').includes('date'), `the date mark is tagged ${style.fields}`);
      check(style.flash && style.inView, '"show in source" does not bring the date into view');
    }
    metrics.date_evidence = dateSpan.text;
    if (options['panel-screenshot']) {
      await page.screenshot({ path: options['panel-screenshot'] });
    }

    // The address names the open meeting, so a link opens it again.
    const link = new URL(page.url());
    check(link.hash === `#meeting=${encodeURIComponent(chosen.id)}`, `the address is ${link.hash}, not the meeting's`);
    const again = await context.newPage();
    again.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
    await again.goto(link.href, { waitUntil: 'load', timeout: 120_000 });
    await again.waitForSelector('html[data-ready="true"]', { timeout: 120_000 });
    const reopened = await again.locator('#panel:not([hidden]) #panel-body h2').textContent().catch(() => null);
    check(reopened !== null && reopened.includes(chosen.date || 'Undated'), `a link to ${chosen.id} does not open it`);
    await again.close();

    // A filter over the whole dataset answers without freezing the page.
    const topic = (chosen.topics || [])[0];
    if (topic) {
      await page.keyboard.press('Escape');
      const t0 = Date.now();
      const expected = meetings.filter((m) => (m.topics || []).includes(topic)).length.toLocaleString('en') + ' ';
      await page.selectOption('#filter-topic', topic);
      await page.waitForFunction((start) => document.querySelector('#filter-count').textContent.startsWith(start), expected, { timeout: 30_000 })
        .catch(() => {});
      metrics.filter_ms = Date.now() - t0;
      const shownCount = await page.textContent('#filter-count');
      check(shownCount.startsWith(expected), `filtering by ${topic} shows ${JSON.stringify(shownCount)}, expected ${expected}meetings`);
    }
  }
} catch (e) {
  failures.push(`browser: ${e.message}`);
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

console.log(`report.test: ${JSON.stringify(metrics)}`);
if (failures.length) {
  for (const f of failures) console.error(`report.test: FAIL: ${f}`);
  process.exit(1);
}
console.log(`report.test: ok: ${path.basename(reportPath)}`);

function cssString(s) {
  return String(s).replace(/["\\]/g, '\\$&');
}
