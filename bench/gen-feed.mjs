// Deterministic JSON Feed 1.1 files for the benchmark: same seed, same bytes, so
// runs on different days compare the same work.
//   node bench/gen-feed.mjs [outDir=bench/feeds] [sizes=50,1000,10000]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SECTIONS = ['Politics', 'Security', 'Economy', 'Society', 'World', 'Culture', 'Sport', 'Technology'];
// Politics and Security dominate, as on a real Belarusian news site.
const SECTION_WEIGHTS = [5, 3, 3, 2, 2, 1, 1, 1];
export const FEED_URL = 'https://news.example/en/feed.json';

const WHO = ['Łukašenka', 'Cichanoŭskaja', 'Lithuanian PM', 'EU foreign ministers', 'Kremlin', 'Minsk city council',
  'Belarusian opposition', 'Polish border guards', 'Biełaruśkalij', 'National Bank', 'Warsaw', 'Kyiv', 'Vilnius court',
  'Zełenski', 'Union State officials', 'Independent journalists', 'Energy regulator', 'Trade unions', 'Müller & Söhne',
  'Johnson &amp; Johnson', 'Football federation', 'Belarusian Railways', 'Hrodna farmers', 'Homiel residents'];
const DID = ['warns against', 'announces', 'rejects', 'reiterates commitment to', 'calls for', 'reports rise in',
  'signs deal on', 'faces criticism over', 'delays decision on', 'launches probe into', 'confirms plans for',
  'denies reports of', 'seeks talks on', 'backs', 'condemns'];
const WHAT = ['sanctions on potash exports', 'new checkpoint data-sharing system', 'nuclear power plant expansion',
  'joint military exercises', 'M&amp;A rules for state firms', 'grain transit through Klaipėda', 'visa-free travel',
  'political prisoners release', 'Q&amp;A with voters', 'electricity prices', 'media law amendments', 'Oreshnik deployment',
  'cross-border bus routes', 'IT sector exodus', 'teachers’ salaries', 'election observers', 'football stadium renovation'];
const TAIL = ['amid tensions with Brussels', 'for 2024–26', 'after months of talks', 'as winter approaches',
  'despite protests', 'in Minsk', 'ahead of the summit', 'says spokesperson', 'in first since 2020'];

function rng(seed) {
  // mulberry32: tiny, fast, good enough for test data.
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const slug = (s) => s.normalize('NFKD').replace(/&amp;/g, 'and').replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[\s_]+/g, '-');
// RFC 3339 in Minsk's +03:00, as the publisher writes it.
const rfc3339 = (ms) => `${new Date(ms + 3 * 3600e3).toISOString().slice(0, 19)}+03:00`;

export function generateFeed(n, seed = 2024) {
  const r = rng(seed + n);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const weighted = () => {
    let x = r() * SECTION_WEIGHTS.reduce((a, b) => a + b);
    return SECTIONS.find((_, i) => (x -= SECTION_WEIGHTS[i]) < 0);
  };
  const title = () => {
    for (;;) {
      let t = `${pick(WHO)} ${pick(DID)} ${pick(WHAT)}`;
      if (t.length < 40 || r() < 0.5) t += ` ${pick(TAIL)}`;
      if (t.length >= 40 && t.length <= 110) return t;
    }
  };
  const end = Date.UTC(2023, 11, 15, 6, 30);
  const year = 365 * 24 * 3600e3;
  const items = [];
  for (let i = 0; i < n; i++) {
    const text = title();
    const tags = i === 0 ? ['Politics', 'Security'] : [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, weighted))];
    // Newest first like a real feed, with jitter so date order and feed order disagree.
    const date = end - (i / n) * year - r() * 5 * 24 * 3600e3;
    const url = `https://news.example/en/${slug(tags[0])}/${slug(text).slice(0, 60)}-${i}/`;
    const item = { id: url, url, title: text, tags, date_published: rfc3339(date) };
    if (i > 0 && r() < 0.03) delete item.date_published; // a few undated: they rank last
    if (r() < 0.4) item._om = { access: r() < 0.1 ? 'members-only' : 'locked' };
    items.push(item);
  }
  // Syndicated copies: same id (or same URL without its slash) as an earlier story.
  for (let i = 49; i < n; i += 50) {
    const original = items[i - 17];
    items[i] = { ...items[i], id: original.id, url: original.url, title: original.title, tags: original.tags };
    if (i + 1 < n) items[i + 1] = { ...items[i + 1], id: `${items[i + 1].id}#copy`, url: original.url.slice(0, -1), title: original.title, tags: original.tags };
  }
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Pozirk (bench)',
    home_page_url: 'https://news.example/en/',
    feed_url: FEED_URL,
    language: 'en',
    _om: { tiers: [{ id: 'plus', label: 'PLUS' }] },
    items,
  };
}

export function writeFeeds(dir, sizes = [50, 1000, 10000]) {
  mkdirSync(dir, { recursive: true });
  return sizes.map((n) => {
    const file = join(dir, `feed-${n}.json`);
    writeFileSync(file, JSON.stringify(generateFeed(n)));
    return file;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'bench/feeds', sizes = '50,1000,10000'] = process.argv.slice(2);
  for (const f of writeFeeds(dir, sizes.split(',').map(Number))) console.log(f);
}
