// related-stories:impression: a list counts as seen once at least half of it
// has been in the viewport for one continuous second while the page is
// visible (the IAB/MRC rule for a viewable display impression), once per
// list shown; other stories, or another order, are a new impression.
//
// Time is Playwright's clock: installed for every page of this file, it runs
// as real time does while a page loads; each test pauses it once its widget is
// rendered, and from then on only runFor() moves it, so "999 ms in view" and
// "one second in view" are exactly that. Where the list is, is measured by an
// IntersectionObserver of the test's own, made after the loader's: Chromium
// delivers every observer's entries for a rendered frame in one task, so once
// the test's has answered, the loader's has heard of that frame too.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { articlePage, assertClean, feedItems, quiet, readItems, suite, untilRendered, widgetPage } from './harness.mjs';

let browser, server;
suite((b, s) => {
  browser = b;
  server = s;
});

// Each test's pages are closed after it and the clock set running again, so
// the next test's pages load as they would without it.
const pages = [];
afterEach(async () => {
  if (installed) await browser.context.clock.resume();
  for (const page of pages.splice(0)) await page.close();
});

// Playwright's clock numbers its timers from 1e12, past the i32 handles
// web-sys keeps them in: a handle cut to 32 bits clears nothing, and the
// timer (the feed request's timeout, say) later fires into a dropped closure.
// So the page gets the clock's timers under small numbers of its own.
const smallTimerIds = () => {
  for (const [set, clear] of [['setTimeout', 'clearTimeout'], ['setInterval', 'clearInterval'],
    ['requestAnimationFrame', 'cancelAnimationFrame'], ['requestIdleCallback', 'cancelIdleCallback']]) {
    const [fakeSet, fakeClear] = [window[set], window[clear]];
    const ids = new Map();
    let last = 0;
    window[set] = (...args) => {
      ids.set(++last, fakeSet(...args));
      return last;
    };
    window[clear] = (id) => {
      fakeClear(ids.get(id));
      ids.delete(id);
    };
  }
};

// Opens `url` with `scripts` run before the page's own, in a viewport of
// `size` if given (harness.open navigates at once, so it opens a page without
// the widget first).
let installed;
async function open(url, scripts = [], size) {
  // The clock is the context's, for all its pages: installed once.
  installed ??= browser.context.clock.install();
  await installed;
  const { page, log } = await browser.open(`${server.url}pages/story.html`);
  pages.push(page);
  for (const script of [smallTimerIds, ...scripts]) await page.addInitScript(script);
  if (size) await page.setViewportSize(size);
  await page.goto(url);
  return { page, log };
}

// A widget rendered at once but a screen and a half below the top: out of view until scrolled to.
const BELOW = { loading: 'eager', style: 'display: block; margin-top: 150vh' };

// Counts the IntersectionObservers watching something, so a test can see that the
// loader keeps one per widget at most, and none once the list was seen or the widget removed.
const countObservers = () => {
  const Native = window.IntersectionObserver;
  const watching = new Set();
  window.observers = () => watching.size;
  window.IntersectionObserver = class extends Native {
    #targets = new Set();
    observe(target) {
      super.observe(target);
      this.#targets.add(target);
      watching.add(this);
    }
    unobserve(target) {
      super.unobserve(target);
      this.#targets.delete(target);
      if (!this.#targets.size) watching.delete(this);
    }
    disconnect() {
      super.disconnect();
      this.#targets.clear();
      watching.delete(this);
    }
  };
};

// Records every impression the document hears, as a host would listen.
const listen = (page) => page.evaluate(() => {
  window.seen = [];
  document.addEventListener('related-stories:impression', (e) => {
    window.seen.push({ detail: e.detail, bubbles: e.bubbles, composed: e.composed, from: e.target.localName });
  });
});
const seen = (page) => page.evaluate(() => window.seen);

// Stops the page's clock (a moment after now: pauseAt only goes forward).
const pause = async (page) => page.clock.pauseAt(await page.evaluate(() => Date.now() + 100));

// Scrolls the page so that `share` of the list's height is in view, at the viewport's foot.
const scrollToShow = (page, share) => page.locator('related-stories').evaluate((el, share) => {
  const box = el.shadowRoot.querySelector('[part=list]').getBoundingClientRect();
  scrollBy(0, box.top - innerHeight + share * box.height);
}, share);
const scrollAway = (page) => page.evaluate(() => scrollTo(0, 0));

// The share of the list in view on the next rendered frame, as the page's
// own IntersectionObserver measures it (see the top of this file). All of
// it is 1 give or take a pixel's rounding.
const ALL = 0.99;
const inView = (page) => page.locator('related-stories').evaluate((el) => new Promise((resolve) => {
  const probe = new IntersectionObserver(([entry]) => {
    probe.disconnect();
    resolve(entry.intersectionRatio);
  });
  probe.observe(el.shadowRoot.querySelector('[part=list]'));
}));

// The detail an impression of the widget's list as rendered must carry: its
// links, in order, with their feed ids, 1-based positions and locks.
async function expected(page) {
  const ids = new Map((await feedItems()).map((item) => [item.url, item.id]));
  const items = (await readItems(page.locator('related-stories'))).map((item, i) => ({
    url: item.href, id: ids.get(item.href), position: i + 1, locked: item.locked,
  }));
  assert.ok(items.every((item) => item.id), 'every link is a story of the feed');
  return { count: items.length, items };
}

// Sets an attribute of the widget and waits for the `load` the new render announces.
const change = (page, name, value) => page.locator('related-stories').evaluate((el, [name, value]) => new Promise((resolve) => {
  el.addEventListener('related-stories:load', resolve, { once: true });
  el.setAttribute(name, value);
}), [name, value]);

test('a list at least half in view for one second is seen, once, with the stories it shows', async () => {
  const { page, log } = await open(articlePage(server, BELOW), [countObservers]);
  await untilRendered(page);
  await listen(page);
  const detail = await expected(page);
  assert.equal(detail.count, 5);
  await pause(page);

  await scrollToShow(page, 0.4);
  const part = await inView(page);
  assert.ok(part > 0.3 && part < 0.5, `${part} of the list in view`);
  await page.clock.runFor(3000);
  assert.deepEqual(await seen(page), [], 'less than half in view is not seen, however long');

  await scrollToShow(page, 1);
  assert.ok(await inView(page) > ALL);
  await page.clock.runFor(999);
  assert.deepEqual(await seen(page), [], 'not before a full second');
  await page.clock.runFor(1);
  assert.deepEqual(await seen(page), [{ detail, bubbles: true, composed: true, from: 'related-stories' }]);
  assert.equal(await page.evaluate(() => observers()), 0, 'seen, the list is watched no more');

  // Seen is seen: away and back again, it is not counted twice.
  await scrollAway(page);
  await page.clock.runFor(1000);
  await scrollToShow(page, 1);
  assert.ok(await inView(page) > ALL);
  await page.clock.runFor(3000);
  assert.equal((await seen(page)).length, 1);
  assertClean(log);
});

test('half a second in view, then scrolled away, is not seen; back for a full second, it is', async () => {
  const { page, log } = await open(articlePage(server, BELOW));
  await untilRendered(page);
  await listen(page);
  await pause(page);

  await scrollToShow(page, 1);
  assert.ok(await inView(page) > ALL);
  await page.clock.runFor(500);
  await scrollAway(page);
  assert.equal(await inView(page), 0);
  await page.clock.runFor(3000);
  assert.deepEqual(await seen(page), [], 'half a second is not a second');

  // The second starts again from nothing.
  await scrollToShow(page, 1);
  assert.ok(await inView(page) > ALL);
  await page.clock.runFor(999);
  assert.deepEqual(await seen(page), []);
  await page.clock.runFor(1);
  assert.equal((await seen(page)).length, 1);
  assertClean(log);
});

// Headless Chromium keeps every page visible (neither another tab in front,
// a minimized window, nor Page.setWebLifecycleState changes visibilityState),
// so the page is made hidden as a background tab is: document.visibilityState
// says so, and visibilitychange tells of each change.
const hiddenAtFirst = () => {
  let state = 'hidden';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state !== 'visible' });
  window.setVisibility = (to) => {
    state = to;
    document.dispatchEvent(new Event('visibilitychange'));
  };
};

test('a list in view on a hidden page is not seen; visible again, it needs a full second', async () => {
  const { page, log } = await open(articlePage(server, { loading: 'eager' }), [hiddenAtFirst]);
  await untilRendered(page);
  await listen(page);
  await pause(page);
  assert.ok(await inView(page) > ALL, 'the list is in view');
  await page.clock.runFor(3000);
  assert.deepEqual(await seen(page), [], 'not while the page is hidden');

  await page.evaluate(() => setVisibility('visible'));
  await page.clock.runFor(500);
  await page.evaluate(() => setVisibility('hidden'));
  await page.clock.runFor(3000);
  assert.deepEqual(await seen(page), [], 'half a second visible is not a second');

  await page.evaluate(() => setVisibility('visible'));
  await page.clock.runFor(999);
  assert.deepEqual(await seen(page), []);
  await page.clock.runFor(1);
  assert.equal((await seen(page)).length, 1);
  assertClean(log);
});

test('other stories are a new impression: a pressed chip, a changed sections attribute', async () => {
  const { page, log } = await open(articlePage(server, { ...BELOW, chips: '' }));
  await untilRendered(page);
  await listen(page);
  await pause(page);
  await scrollToShow(page, 1);
  assert.ok(await inView(page) > ALL);
  await page.clock.runFor(1000);
  const first = await expected(page);
  assert.deepEqual((await seen(page)).map((e) => e.detail), [first]);

  // The Economy chip narrows the list to one section: other stories.
  await page.locator('related-stories').evaluate((el) => {
    [...el.shadowRoot.querySelectorAll('[part~=chip]')].find((chip) => chip.textContent.trim() === 'Economy').click();
  });
  const economy = await expected(page);
  assert.notDeepEqual(economy.items, first.items);
  assert.ok(await inView(page) >= 0.5);
  await page.clock.runFor(999);
  assert.equal((await seen(page)).length, 1, 'the new list needs its own second');
  await page.clock.runFor(1);
  assert.deepEqual((await seen(page)).map((e) => e.detail), [first, economy]);

  await change(page, 'sections', 'Society');
  const society = await expected(page);
  assert.notDeepEqual(society.items, economy.items);
  assert.ok(await inView(page) >= 0.5);
  await page.clock.runFor(999);
  assert.equal((await seen(page)).length, 2);
  await page.clock.runFor(1);
  assert.deepEqual((await seen(page)).map((e) => e.detail), [first, economy, society]);
  assertClean(log);
});

test('the same stories again are not: a re-render keeps the second running, refresh() starts none', async () => {
  const { page, log } = await open(articlePage(server, BELOW), [countObservers]);
  await untilRendered(page);
  await listen(page);
  const detail = await expected(page);
  await pause(page);
  await scrollToShow(page, 1);
  assert.ok(await inView(page) > ALL);
  await page.clock.runFor(500);

  // A new heading renders the widget anew, the same list in a new element.
  await change(page, 'heading', 'Read next');
  assert.ok(await inView(page) > ALL);
  assert.equal(await page.evaluate(() => observers()), 1, 'one observer, on the new list');
  await page.clock.runFor(499);
  assert.deepEqual(await seen(page), [], 'its second goes on');
  await page.clock.runFor(1);
  assert.deepEqual((await seen(page)).map((e) => e.detail), [detail]);

  // A refresh shows a skeleton, then the same stories: nothing new to see.
  await page.clock.resume();
  await page.locator('related-stories').evaluate((el) => new Promise((resolve) => {
    el.addEventListener('related-stories:load', resolve, { once: true });
    el.refresh();
  }));
  await quiet(page);
  assert.deepEqual(await expected(page), detail);
  await pause(page);
  await page.clock.runFor(3000);
  assert.equal((await seen(page)).length, 1);
  // Chromium now and then reports a streamed fetch as aborted after its
  // whole body was delivered (see sharing.test.mjs; the clock's fake
  // `performance` keeps no resource timings to show it). The refreshed
  // list rendered, and announced with `load`, is what counts.
  assert.equal(log.requests.filter((url) => url.endsWith('/feeds/sample.json')).length, 2, 'feed requests');
  log.failed = log.failed.filter((f) => !/\/feeds\/sample\.json: net::ERR_ABORTED$/.test(f));
  assertClean(log);
});

test('a widget removed before its second is up leaves nothing running; put back, its list is a new impression', async () => {
  const { page, log } = await open(widgetPage(server, { ...BELOW, feed: '/feeds/sample.json' }), [countObservers]);
  await untilRendered(page);
  await listen(page);
  await page.locator('related-stories').evaluate((el) => {
    window.heardByElement = 0;
    el.addEventListener('related-stories:impression', () => window.heardByElement++);
  });
  await pause(page);
  await scrollToShow(page, 1);
  assert.ok(await inView(page) > ALL);
  assert.equal(await page.evaluate(() => observers()), 1, 'one observer for the widget');
  await page.clock.runFor(500);

  await page.evaluate(() => {
    window.widget = document.querySelector('related-stories');
    widget.remove();
  });
  assert.equal(await page.evaluate(() => observers()), 0, 'no observer left');
  await page.clock.runFor(3000);
  assert.equal(await page.evaluate(() => heardByElement), 0, 'no timer left either');

  // Back on the page (out of view, rendered at once from the page's copy of
  // the feed), its list is new to this widget.
  await scrollAway(page);
  await page.clock.resume();
  await page.evaluate(() => new Promise((resolve) => {
    widget.addEventListener('related-stories:load', resolve, { once: true });
    document.body.append(widget);
  }));
  await pause(page);
  await scrollToShow(page, 1);
  assert.ok(await inView(page) > ALL);
  await page.clock.runFor(999);
  assert.deepEqual(await seen(page), []);
  await page.clock.runFor(1);
  assert.equal((await seen(page)).length, 1);
  assert.equal(await page.evaluate(() => heardByElement), 1);
  assertClean(log);
});

test('a list more than twice the viewport is seen once it covers half the viewport', async () => {
  // Cards on a phone: twenty stories, far taller than two screens.
  const attributes = { ...BELOW, feed: '/feeds/sample.json', sections: '', layout: 'cards', limit: '20' };
  const { page, log } = await open(widgetPage(server, attributes), [], { width: 400, height: 600 });
  await untilRendered(page);
  const [listArea, viewArea] = await page.locator('related-stories').evaluate((el) => {
    const box = el.shadowRoot.querySelector('[part=list]').getBoundingClientRect();
    return [box.width * box.height, innerWidth * innerHeight];
  });
  assert.ok(listArea > 2 * viewArea, `the list's area is ${listArea / viewArea} viewports`);
  await listen(page);
  await quiet(page);
  await pause(page);

  // The list's top a third of the way up the viewport: it covers a third of it.
  await page.locator('related-stories').evaluate((el) => {
    scrollBy(0, el.shadowRoot.querySelector('[part=list]').getBoundingClientRect().top - innerHeight * 2 / 3);
  });
  assert.ok(await inView(page) > 0);
  await page.clock.runFor(3000);
  assert.deepEqual(await seen(page), [], 'a third of the viewport is not enough');

  // Scrolled into the list: it fills the viewport, though far less than half of it is in view.
  await page.evaluate(() => scrollBy(0, innerHeight));
  assert.ok(await inView(page) < 0.5);
  await page.clock.runFor(999);
  assert.deepEqual(await seen(page), []);
  await page.clock.runFor(1);
  assert.equal((await seen(page)).length, 1);
  assertClean(log);
});
