// Readers first: every state passes axe in light and dark, the accessibility
// tree reads well, the keyboard reaches everything, the page's language is
// followed, and nothing a reader sees jumps, overflows or animates against
// their wishes.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { articlePage, assertClean, quiet, screenshot, untilRendered, suite } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// A widget with no fallback content, made on a blank page.
async function bare(page, attributes) {
  await page.evaluate((attrs) => {
    const el = document.createElement('related-stories');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.append(el);
  }, { loading: 'eager', ...attributes });
}

const states = {
  loading: async (page) => {
    await page.route('**/feeds/sample.json', () => {}); // never answers
    await page.goto(articlePage(server));
    await page.waitForFunction(() => document.querySelector('related-stories')?.shadowRoot?.querySelector('[data-state="loading"]'));
  },
  'loaded, with locked stories': async (page) => { await page.goto(articlePage(server)); await untilRendered(page); },
  'loaded, cards with chips': async (page) => { await page.goto(articlePage(server, { layout: 'cards', chips: '' })); await untilRendered(page); },
  empty: async (page) => { await page.goto(articlePage(server, { sections: 'Weather' })); await untilRendered(page); },
  'error with fallback': async (page) => { await page.goto(articlePage(server, { feed: '/feeds/missing.json' })); await untilRendered(page); },
  'error without fallback': async (page) => {
    await page.goto(`${server.url}pages/blank.html`);
    await bare(page, { feed: '/feeds/missing.json' });
    await untilRendered(page);
  },
};

for (const scheme of ['light', 'dark']) {
  for (const [state, reach] of Object.entries(states)) {
    test(`axe: no violations, ${state}, ${scheme}`, async () => {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await reach(page);
      assert.deepEqual(await axe(page), []);
      await page.close();
    });
  }
}

test('the accessibility tree: a named region, a list, links named by their headline', async () => {
  const { page } = await browser.open(articlePage(server));
  await untilRendered(page);
  const tree = await page.locator('related-stories').ariaSnapshot();
  assert.match(tree, /- region "Related stories"/);
  assert.match(tree, /- heading "Related stories" \[level=2\]/);
  assert.equal((tree.match(/- listitem/g) ?? []).length, 5);
  assert.match(tree, /- link "Łukašenka reiterates commitment to Russia, says Belarus building vehicles for Oreshnik"/);
  assert.match(tree, /Subscribers only: POZIRK\+/);
  // The section labels and date are read beside the link, not inside its name.
  for (const name of tree.match(/- link "[^"]*"/g)) assert.doesNotMatch(name, /Politics|2023|POZIRK/, name);
});

test('keyboard: Tab reaches every chip and then every story, with a visible focus ring', async () => {
  const { page } = await browser.open(articlePage(server, { chips: '', limit: '3' }));
  await untilRendered(page);
  const chips = await page.locator('[part~="chip"]').count();
  const focused = [];
  for (let i = 0; i < chips + 3; i++) {
    await page.keyboard.press('Tab');
    focused.push(await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const outline = getComputedStyle(el).outlineStyle;
      return { part: el.getAttribute('part') ?? el.tagName.toLowerCase(), text: el.textContent.trim().slice(0, 30), outline };
    }));
  }
  const parts = focused.map((f) => f.part);
  assert.deepEqual(parts, [...Array(chips).fill('chip'), 'link', 'link', 'link'], JSON.stringify(focused));
  assert.equal(focused[0].text, 'All');
  for (const f of focused.filter((f) => f.part === 'chip' || f.part === 'link')) assert.notEqual(f.outline, 'none', JSON.stringify(f));
});

test('the page language is followed: lang on <html>, or on an ancestor', async () => {
  const { page } = await browser.open(`${server.url}pages/blank.html`);
  await page.evaluate(() => {
    document.documentElement.lang = 'ru';
    const be = document.createElement('div');
    be.lang = 'be-BY';
    be.id = 'be';
    document.body.append(be);
  });
  await bare(page, { feed: '/feeds/sample.json', sections: '', id: 'ru' });
  await page.evaluate(() => {
    const el = document.createElement('related-stories');
    el.setAttribute('loading', 'eager');
    el.setAttribute('feed', '/feeds/sample.json');
    el.setAttribute('sections', '');
    document.getElementById('be').append(el);
  });
  await untilRendered(page);
  const headings = await page.locator('[part~="heading"]').allTextContents();
  // The Belarusian block comes first in the page, then the Russian widget.
  assert.deepEqual(headings, ['Звязаныя матэрыялы', 'Материалы по теме']);
  const badges = await page.locator('related-stories').first().locator('[part~="badge"] .visually-hidden').allTextContents();
  assert.ok(badges.every((b) => b.startsWith('Толькі для падпісчыкаў')), badges.join());
});

test('a long unbroken title wraps inside a 320 px column', async () => {
  const title = `Łukašenka${'ŁacinkaŽyćcioŭVialikaja'.repeat(12)}`;
  const page = await browser.context.newPage();
  await page.route('**/long.json', (route) => route.fulfill({ contentType: 'application/json',
    body: JSON.stringify({ items: [{ id: 'l', url: 'https://news.example/l', title, tags: ['Politics'] }] }) }));
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto(articlePage(server, { feed: '/feeds/long.json', sections: '' }));
  await untilRendered(page);
  const fits = await page.locator('related-stories').evaluate((el) => {
    const li = el.shadowRoot.querySelector('[part~="item"]');
    return { scroll: li.scrollWidth, client: li.clientWidth, page: document.documentElement.scrollWidth };
  });
  assert.ok(fits.scroll <= fits.client + 1, JSON.stringify(fits));
  assert.ok(fits.page <= 320, JSON.stringify(fits));
  await screenshot(page, 'long-title-320.png');
});

test('reduced motion stops the skeleton shimmer', async () => {
  for (const [motion, expected] of [['reduce', 'none'], ['no-preference', 'rs-shimmer']]) {
    const page = await browser.context.newPage();
    await page.emulateMedia({ reducedMotion: motion });
    await states.loading(page);
    const animation = await page.locator('related-stories').evaluate((el) =>
      getComputedStyle(el.shadowRoot.querySelector('.bone')).animationName);
    assert.equal(animation, expected, motion);
    await page.close();
  }
});

// Every layout shift on the page, recorded from before the first paint, and read at a
// defined moment rather than after a sleep. A shift is scored when the frame that lays the
// change out is painted, and handed to the observer's callback some time later; so
// shiftsNow() waits until the fonts and every image in view (the widgets' thumbnails among
// them) have arrived or failed, then two frames (the one that lays out the last change, and
// one after it), then takes from the observer what it has not handed over yet.
// forgetShifts() does the same and drops what it finds: the shifts so far are not the test's.
const recordShifts = () => {
  window.shifts = [];
  const keep = (entries) => {
    for (const e of entries) {
      if (!e.hadRecentInput) window.shifts.push({ value: e.value, moved: e.sources.map((s) => s.node?.nodeName ?? '?') });
    }
  };
  const observer = new PerformanceObserver((list) => keep(list.getEntries()));
  observer.observe({ type: 'layout-shift', buffered: true });
  const inView = (img) => {
    const r = img.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  };
  const painted = async () => {
    const images = [...document.images,
      ...[...document.querySelectorAll('related-stories')].flatMap((el) => [...(el.shadowRoot?.querySelectorAll('img') ?? [])])];
    await Promise.all(images.filter((img) => !img.complete && inView(img)).map((img) => new Promise((resolve) => {
      img.addEventListener('load', resolve, { once: true });
      img.addEventListener('error', resolve, { once: true });
    })));
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    keep(observer.takeRecords());
  };
  window.shiftsNow = async () => {
    await painted();
    return window.shifts;
  };
  window.forgetShifts = async () => {
    await painted();
    window.shifts = [];
  };
};
const shiftsNow = (page) => page.evaluate(() => window.shiftsNow());

for (const width of [1000, 600, 390, 320]) {
  test(`the demo article does not shift at all as the widget arrives, ${width}px wide (CLS 0)`, async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(recordShifts);
    await page.setViewportSize({ width, height: 2400 }); // the widget and the footer in view
    await page.goto(server.url);
    await untilRendered(page);
    assert.deepEqual(await shiftsNow(page), []);
    await page.close();
  });
}

// Holds the sample feed's answer back until the returned function is called.
async function holdFeed(page) {
  let answer;
  const answered = new Promise((resolve) => { answer = resolve; });
  await page.route('**/feeds/sample.json', async (route) => { await answered; await route.continue(); });
  return answer;
}

for (const layout of ['list', 'compact', 'cards']) {
  test(`${layout}: the list replaces its skeleton without a shift, wide and narrow`, async () => {
    for (const width of [1000, 390]) {
      const page = await browser.context.newPage();
      await page.addInitScript(recordShifts);
      await page.setViewportSize({ width, height: 2400 });
      const answer = await holdFeed(page);
      await page.goto(articlePage(server, { layout, loading: 'eager' }));
      await page.waitForFunction(() => document.querySelector('related-stories').shadowRoot?.querySelector('[data-state="loading"]'));
      await page.evaluate(() => window.forgetShifts()); // the page's own fallback-to-widget change is not ours
      answer();
      assert.deepEqual(await untilRendered(page), ['ready']);
      assert.deepEqual(await shiftsNow(page), [], `${layout} at ${width} px`);
      // The room held for it fits the layout: no big empty band under the list.
      const { held, shown } = await page.locator('related-stories').evaluate((el) => ({
        held: el.getBoundingClientRect().height,
        shown: [...el.shadowRoot.querySelector('.rs').children].reduce((sum, c) => sum + c.getBoundingClientRect().height, 0),
      }));
      assert.ok(held <= shown * 1.25, `${layout} at ${width} px: ${held} px held for ${shown} px of list`);
      await page.close();
    }
  });
}

test('an empty result keeps its room while in view and gives it back unseen once scrolled past', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(recordShifts);
  const answer = await holdFeed(page);
  await page.goto(articlePage(server, { sections: 'Weather', loading: 'eager' }));
  const after = page.locator('p', { hasText: 'After the widget' });
  await page.waitForFunction(() => document.querySelector('related-stories').shadowRoot?.querySelector('[data-state="loading"]'));
  const before = await after.evaluate((p) => p.getBoundingClientRect().top);
  // This page has no :not(:defined) rule: its fallback gave way to the held box, a shift
  // of the page's own making. Count only what follows.
  await page.evaluate(() => window.forgetShifts());
  answer();
  assert.deepEqual(await untilRendered(page), ['empty']);
  await quiet(page); // the loader has had the empty result's load event, and the page two frames since
  assert.equal(await after.evaluate((p) => p.getBoundingClientRect().top), before, 'text after the widget moved');
  // The reader reads on, past the widget.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('div'), { style: 'height: 4000px' })));
  await page.mouse.wheel(0, 1500);
  await page.waitForFunction(() => document.querySelector('related-stories').getBoundingClientRect().height === 0);
  assert.deepEqual(await shiftsNow(page), []);
  await page.close();
});

test('a fallback taller than the list is not shrunk while in view', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(recordShifts);
  await page.setViewportSize({ width: 1000, height: 2400 });
  // A slow script: the reader sees the fallback for a while before the widget is defined.
  await page.route('**/dist/related-stories.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  await page.goto(articlePage(server, { 'fallback-links': 40, loading: 'eager' }));
  assert.deepEqual(await untilRendered(page), ['ready']);
  assert.deepEqual(await shiftsNow(page), []);
  await page.close();
});

test('below the fold, an empty result takes no room at all', async () => {
  const page = await browser.context.newPage();
  await page.goto(articlePage(server, { sections: 'Weather', loading: 'eager', style: 'margin-top: 150vh' }));
  assert.deepEqual(await untilRendered(page), ['empty']);
  assert.equal(await page.locator('related-stories').evaluate((el) => el.getBoundingClientRect().height), 0);
  await page.close();
});

test('the error message offers a retry that works', async () => {
  const { page, log } = await browser.open(`${server.url}pages/blank.html`);
  let fail = true;
  await page.route('**/flaky.json', (route) => (fail
    ? route.fulfill({ status: 503, body: 'busy' })
    : route.fulfill({ path: 'demo/feeds/sample.json', contentType: 'application/json' })));
  await bare(page, { feed: '/feeds/flaky.json', sections: 'Economy' });
  assert.deepEqual(await untilRendered(page), ['error']);
  const retry = page.locator('[part~="retry"]');
  assert.equal(await retry.textContent(), 'Try again');
  fail = false;
  await retry.click();
  await page.waitForFunction(() => document.querySelector('related-stories').shadowRoot.querySelector('[data-state="ready"]'));
  assert.equal(log.uncaught.length, 0);
});
