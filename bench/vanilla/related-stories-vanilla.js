// <vanilla-related-stories>: the hand-written floor the Rust/wasm widget is benchmarked against:
// same job, shadow DOM, data-state values and CSS. Left out, as only the real widget needs them:
// other languages, heading/lock-label/lang attributes, attribute warnings, non-Date.parse dates.
// bench/run.mjs replaces __RS_CSS__ with style/related-stories.css: ONE file, same CSS bytes.
const CSS = __RS_CSS__;
const HEADING = 'Related stories';
const SUBSCRIBERS = 'Subscribers only';
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—',
  hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bdquo: '„', euro: '€' };
const LOCK = '<svg class="lock" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">'
  + '<path fill="currentColor" d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.25C12.44 7 13 7.56 13 8.25v5.5c0 .69-.56 1.25-1.25 '
  + '1.25h-7.5C3.56 15 3 14.44 3 13.75v-5.5C3 7.56 3.56 7 4.25 7h.25zm1.75 0h3.5V5a1.75 1.75 0 1 0-3.5 0v2z"></path></svg>';

// One fetch and one parse per feed URL, shared by every widget on the page.
const feeds = new Map();
let sheet, dates, lockIcon;

// Decode entities, drop controls and bidi/zero-width marks, collapse whitespace, cap the length.
function clean(s, max = 300) {
  if (typeof s !== 'string') return '';
  const t = s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (m, e) => {
    if (e[0] !== '#') return ENTITIES[e] ?? m;
    const c = /x/i.test(e[1]) ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return c > 0 && c <= 0x10ffff && (c < 0xd800 || c > 0xdfff) ? String.fromCodePoint(c) : m;
  }).replace(/[\0-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\s\x85]+/g, ' ').trim();
  const chars = [...t];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : t;
}

// Only http(s) links are ever rendered.
function httpUrl(u, base) {
  let url = null;
  try { url = typeof u === 'string' ? new URL(u.trim(), base) : null; } catch { /* not a URL */ }
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : null;
}
// Same story, same key: host case, default port and trailing slashes do not count.
const norm = (u) => `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
const key = (s) => s.trim().toLowerCase();

function parse(json, fetchedFrom) {
  if (!json || typeof json !== 'object' || !Array.isArray(json.items)) throw new Error('not a JSON feed');
  const base = httpUrl(json.feed_url, fetchedFrom)?.href ?? fetchedFrom;
  const items = [];
  json.items.forEach((it, index) => {
    if (!it || typeof it !== 'object') return;
    const title = clean(it.title);
    const id = typeof it.id === 'string' && /^https?:/i.test(it.id.trim()) ? it.id : null;
    const link = httpUrl(it.url, base) ?? httpUrl(it.external_url, base) ?? httpUrl(id, base);
    if (!title || !link) return;
    const tags = typeof it.tags === 'string' ? it.tags.split(',') : Array.isArray(it.tags) ? it.tags : [];
    const seen = new Set();
    const sections = tags.map((t) => clean(typeof t === 'number' ? String(t) : t, 60))
      .filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase())).slice(0, 20);
    const date = [it.date_published, it.date_modified]
      .map((d) => (typeof d === 'string' ? Date.parse(d) : NaN)).find((d) => !Number.isNaN(d)) ?? null;
    items.push({
      id: (typeof it.id === 'string' && it.id.trim()) || (Number.isInteger(it.id) && String(it.id)) || link.href,
      url: link.href, key: norm(link), title, sections, date, index,
      locked: /^(locked|members-only)$/i.test(String(it._om?.access ?? '').trim()),
    });
  });
  const tier = json._om?.tiers?.[0]?.label;
  return { items, tier: typeof tier === 'string' ? clean(tier, 60) || null : null };
}

const load = (url) => feeds.get(url) ?? feeds.set(url, fetch(url)
  .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${url} answered HTTP ${r.status}`))))
  .then((text) => parse(JSON.parse(text), url))).get(url);

// Filter, rank (shared sections, newer, feed order), de-duplicate by id or URL, limit.
function select(items, { wanted, article, limit, locked }) {
  wanted ??= items.find((it) => it.key === article)?.sections.map(key) ?? [];
  const seen = new Set();
  return items
    .filter((it) => !(locked === 'hide' && it.locked) && it.key !== article)
    .map((it) => [it.sections.filter((s) => wanted.includes(key(s))).length, it])
    .filter(([shared]) => !wanted.length || shared > 0)
    .sort(([sa, a], [sb, b]) => (locked === 'last' ? a.locked - b.locked : 0) || sb - sa
      || (b.date ?? -Infinity) - (a.date ?? -Infinity) || a.index - b.index)
    .map(([, it]) => it)
    .filter((it) => {
      const fresh = !seen.has(`id:${it.id}`) && !seen.has(`url:${it.key}`);
      seen.add(`id:${it.id}`).add(`url:${it.key}`);
      return fresh;
    })
    .slice(0, limit);
}

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) el.setAttribute(k, v);
  el.append(...children.flat().filter((c) => c != null));
  return el;
}
const root = (state, ...children) => h('div', { class: 'rs', part: 'root', 'data-state': state }, ...children);
const heading = () => h('h2', { part: 'heading', id: 'rs-heading' }, HEADING);

function story(it, label) {
  const time = it.date === null ? null
    : h('time', { part: 'date', datetime: new Date(it.date).toISOString() }, dates.format(it.date));
  const badge = it.locked ? h('span', { part: 'badge', class: 'badge' }, lockIcon.content.cloneNode(true),
    label === SUBSCRIBERS ? null : h('span', { class: 'visually-hidden' }, `${SUBSCRIBERS}: `), h('span', null, label)) : null;
  return h('li', { part: 'item', class: it.locked ? 'item locked' : 'item' },
    it.sections.length ? h('p', { part: 'sections' }, it.sections.join(', ')) : null,
    h('a', { part: 'link', href: it.url }, h('span', { part: 'title' }, it.title)),
    time || badge ? h('p', { class: 'meta' }, time, badge) : null);
}

class VanillaRelatedStories extends HTMLElement {
  static observedAttributes = ['feed', 'sections', 'article', 'limit', 'locked'];
  #shadow = null;
  #url = null;
  #feed; // undefined: loading, null: failed, else the parsed feed

  connectedCallback() {
    if (!this.#shadow) {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        lockIcon = document.createElement('template');
        lockIcon.innerHTML = LOCK;
      }
      this.#shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      this.#shadow.adoptedStyleSheets = [sheet];
    }
    this.#load();
  }

  attributeChangedCallback(name) {
    if (this.#shadow) name === 'feed' ? this.#load() : this.#render();
  }

  #load() {
    const url = httpUrl(this.getAttribute('feed')?.trim() || null, document.baseURI)?.href ?? null;
    if (url && url === this.#url) return;
    this.#url = url;
    this.#feed = url ? undefined : null;
    this.#render();
    if (!url) return console.warn('related-stories: the "feed" attribute is missing or not a URL');
    load(url).catch((e) => console.warn(`related-stories: ${e.message}`)).then((feed) => {
      if (this.#url !== url) return;
      this.#feed = feed ?? null;
      this.#render();
    });
  }

  #render() {
    const raw = this.getAttribute('limit');
    const limit = raw === null || !/^\s*\d+\s*$/.test(raw) || +raw < 1 || +raw > 50 ? 5 : +raw;
    let view;
    if (this.#feed === undefined) {
      const bones = ['sections', 'title', 'title short', 'date'];
      view = root('loading', h('section', { 'aria-busy': 'true', 'aria-label': HEADING }, heading(),
        h('ul', { part: 'list skeleton', class: 'skeleton', 'aria-hidden': 'true' },
          Array.from({ length: limit }, () => h('li', { class: 'item' }, bones.map((b) => h('span', { class: `bone ${b}` })))))));
    } else if (this.#feed === null) {
      const fallback = this.firstElementChild || this.textContent.trim();
      view = root('error', fallback ? h('slot') : h('p', { part: 'error' }, 'Related stories could not be loaded.'));
    } else {
      const sections = this.getAttribute('sections');
      const article = httpUrl(this.getAttribute('article')?.trim()
        || document.querySelector('link[rel~="canonical"][href]')?.href || location.href.split('#')[0], document.baseURI);
      const stories = select(this.#feed.items, {
        wanted: sections === null ? null : sections.split(',').map(key).filter(Boolean),
        article: article && norm(article),
        limit,
        locked: this.getAttribute('locked')?.trim().toLowerCase(),
      });
      // The first Intl.DateTimeFormat of a page costs tens of ms (ICU set-up): pay it only
      // when there are dates to show, where ours pays it.
      dates ??= new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
      view = stories.length ? root('ready', h('section', { 'aria-labelledby': 'rs-heading' }, heading(),
        h('ul', { part: 'list' }, stories.map((it) => story(it, this.#feed.tier ?? SUBSCRIBERS))))) : root('empty');
    }
    this.#shadow.replaceChildren(view);
  }
}

if (!customElements.get('vanilla-related-stories')) customElements.define('vanilla-related-stories', VanillaRelatedStories);
