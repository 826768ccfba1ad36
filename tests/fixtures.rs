//! The repository's own feeds: one small hand-written file in `tests/fixtures/`
//! per oddity the real-feed corpus shows (its INDEX.md; `tests/fixtures/README.md`
//! says which real file each one stands for). They need nothing beside the
//! repository, so these tests always run, where `tests/feeds_in_the_wild.rs`
//! skips without `../shared`.
//!
//! Every fixture has one row in [`fixtures`]: what the parser must keep of it
//! (items with their resolved links, dates, cleaned titles and sections), what
//! it skips and why, what it notes for the publisher, and what a reader is
//! shown. A fixture without a row fails [`every_fixture_has_an_expectation`].
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use related_stories::feed::{self, duplicate_ids, Feed, FeedError, Item, Note, SkipReason};
use related_stories::select::{self, Query};

/// Where the widget fetched each fixture from: the base for relative links
/// when a feed has no usable `feed_url`.
const FETCHED_FROM: &str = "https://feeds.example/blog/feed.json";

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn text(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn read(name: &str) -> Result<Feed, FeedError> {
    feed::parse(&text(name), FETCHED_FROM)
}

/// Every `*.json` in `tests/fixtures/`, sorted.
fn fixture_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    files
}

/// What the widget lists with no section filter and no limit, best first.
fn shown(f: &Feed) -> Vec<&Item> {
    shown_in(f, Some(vec![]), None)
}

fn shown_in<'f>(f: &'f Feed, sections: Option<Vec<&str>>, article: Option<&str>) -> Vec<&'f Item> {
    select::select(
        f,
        &Query {
            limit: usize::MAX,
            sections: sections.map(|s| s.into_iter().map(str::to_owned).collect()),
            article: article.map(str::to_owned),
            ..Query::default()
        },
    )
}

fn indexes(items: &[&Item]) -> Vec<usize> {
    items.iter().map(|i| i.index).collect()
}

// ---- What each fixture must read as ---------------------------------------

/// One kept item as a reader meets it. Read from [`Item`] field by field, so a
/// field added to `Item` later does not break these tests.
#[derive(Debug, Clone, PartialEq)]
struct Story {
    index: usize,
    id: String,
    url: String,
    title: String,
    sections: Vec<String>,
    date: Option<f64>,
    image: Option<String>,
    locked: bool,
    untitled: bool,
}

impl Story {
    fn of(item: &Item) -> Story {
        Story {
            index: item.index,
            id: item.id.clone(),
            url: item.url.clone(),
            title: item.title.clone(),
            sections: item.sections.clone(),
            date: item.date,
            image: item.image.clone(),
            locked: item.locked,
            untitled: item.untitled,
        }
    }

    /// The feed gave no title: `title` is made from the item's text.
    fn untitled(mut self) -> Story {
        self.untitled = true;
        self
    }

    fn tags(mut self, sections: &[&str]) -> Story {
        self.sections = sections.iter().map(|s| (*s).to_owned()).collect();
        self
    }

    /// Milliseconds since the epoch (each checked against Python's
    /// `datetime.fromisoformat` / `email.utils.parsedate_to_datetime`).
    fn date(mut self, ms: f64) -> Story {
        self.date = Some(ms);
        self
    }

    fn image(mut self, url: &str) -> Story {
        self.image = Some(url.to_owned());
        self
    }
}

fn story(index: usize, id: &str, url: &str, title: &str) -> Story {
    Story {
        index,
        id: id.to_owned(),
        url: url.to_owned(),
        title: title.to_owned(),
        sections: Vec::new(),
        date: None,
        image: None,
        locked: false,
        untitled: false,
    }
}

/// A story whose id is its url (the id is the full URL, or there is no id).
fn linked(index: usize, url: &str, title: &str) -> Story {
    story(index, url, url, title)
}

/// A feed that renders: everything a reader and the feed checker see of it.
#[derive(Debug, Clone, PartialEq)]
struct Read {
    title: String,
    stories: Vec<Story>,
    skipped: Vec<(usize, SkipReason)>,
    notes: Vec<Note>,
    duplicates: Vec<Note>,
    /// `Item::index` of what [`shown`] lists, in its order.
    shown: Vec<usize>,
}

impl Read {
    fn of(f: &Feed) -> Read {
        Read {
            title: f.title.clone(),
            stories: f.items.iter().map(Story::of).collect(),
            skipped: f.skipped.iter().map(|s| (s.index, s.reason)).collect(),
            notes: f.notes.clone(),
            duplicates: duplicate_ids(f),
            shown: indexes(&shown(f)),
        }
    }

    fn skipped(mut self, skipped: &[(usize, SkipReason)]) -> Read {
        self.skipped = skipped.to_vec();
        self
    }

    fn notes(mut self, notes: Vec<Note>) -> Read {
        self.notes = notes;
        self
    }

    fn duplicates(mut self, duplicates: Vec<Note>) -> Read {
        self.duplicates = duplicates;
        self
    }
}

/// A feed with these items, listed in this order (`shown`, by `Item::index`).
fn renders(title: &str, stories: Vec<Story>, shown: &[usize]) -> Outcome {
    Outcome::Renders(Read {
        title: title.to_owned(),
        stories,
        skipped: Vec::new(),
        notes: Vec::new(),
        duplicates: Vec::new(),
        shown: shown.to_vec(),
    })
}

#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Renders(Read),
    Fails(FeedError),
}

impl Outcome {
    fn with(self, change: impl FnOnce(Read) -> Read) -> Outcome {
        match self {
            Outcome::Renders(read) => Outcome::Renders(change(read)),
            fails => fails,
        }
    }
}

struct Fixture {
    file: &'static str,
    /// Text the file must contain: the oddity it is named for.
    has: &'static [&'static str],
    /// Text it must not contain (an oddity that is an absence).
    lacks: &'static [&'static str],
    outcome: Outcome,
}

fn non_rfc3339(index: usize, value: &str) -> Note {
    Note::NonRfc3339Date {
        index,
        value: value.to_owned(),
    }
}

fn duplicate(index: usize, id: &str) -> Note {
    Note::DuplicateId {
        index,
        id: id.to_owned(),
    }
}

/// One row per file in `tests/fixtures/`, alphabetical.
fn fixtures() -> Vec<Fixture> {
    use Note::{MissingId, RelativeUrlWithoutFeedUrl};
    use SkipReason::{NoLink, NoTitle};
    vec![
        Fixture {
            file: "authors-vs-author.json",
            has: &[r#""authors": ["#, r#""author": {"#, r#""name": { "first""#],
            lacks: &[],
            // Authors are not shown: no shape of them can cost an item.
            outcome: renders(
                "authors and author",
                vec![
                    story(
                        0,
                        "authors-array",
                        "https://fireball.example/linked/authors-array",
                        "Only an authors array",
                    )
                    .date(1_614_387_990_000.0),
                    story(
                        1,
                        "singular-author",
                        "https://fireball.example/singular-author",
                        "Only a singular author",
                    )
                    .date(1_614_301_590_000.0),
                    story(
                        2,
                        "both",
                        "https://fireball.example/both",
                        "Both author and authors",
                    )
                    .date(1_614_215_190_000.0),
                    story(
                        3,
                        "odd-shapes",
                        "https://fireball.example/odd-shapes",
                        "An author whose name is an object, and authors as a string",
                    )
                    .date(1_614_128_790_000.0),
                ],
                &[0, 1, 2, 3],
            ),
        },
        Fixture {
            file: "broken-20-bytes.json",
            has: &[r#""verion": "1.0""#],
            lacks: &["}"],
            outcome: Outcome::Fails(FeedError::Json(
                "it ends too early at line 3, column 0".into(),
            )),
        },
        Fixture {
            file: "carriage-returns.json",
            has: &["\\r\\n", "\r\n"],
            lacks: &[],
            // `\r` in a title or tag is blank space like any other.
            outcome: renders(
                "Carriage returns",
                vec![
                    linked(0, "https://korepi.example/ru/faq/", "Вопросы")
                        .tags(&["FAQ"])
                        .date(1_700_840_234_000.0),
                    linked(
                        1,
                        "https://korepi.example/ru/title-with-cr/",
                        "Заголовок в две строки",
                    )
                    .tags(&["FAQ"])
                    .date(1_700_753_834_000.0),
                ],
                // Both carry the same section: it is kept on each.
                &[0, 1],
            ),
        },
        Fixture {
            file: "raw-control-characters.json",
            has: &["tab\there", "line\nbreak", "\u{7}"],
            lacks: &[],
            // Raw control characters inside strings, which JSON.parse refuses:
            // read as the characters, then cleaned like any other text.
            outcome: renders(
                "Hand-made feed",
                vec![
                    story(
                        0,
                        "1",
                        "https://handmade.example/one",
                        "A title with a tab here and a line break",
                    )
                    .tags(&["Local news"])
                    .date(1_709_287_200_000.0),
                    story(
                        1,
                        "2",
                        "https://handmade.example/two",
                        "Bell and escape are dropped",
                    )
                    .date(1_706_781_600_000.0),
                ],
                &[0, 1],
            ),
        },
        Fixture {
            file: "content-html-documents.json",
            has: &["<!DOCTYPE html>", "${{ secrets.GITHUB_TOKEN }}", "doc://"],
            lacks: &[],
            // Content is never read; `${{ }}` in a title is text, not a template.
            // A `doc://` id is no link: the item without `url` is skipped.
            outcome: renders(
                "Brunow",
                vec![story(
                    0,
                    "doc://Brunow/documentation/Brunow/deploying",
                    "https://docs.brunow.example/documentation/brunow/deploying",
                    "Deploying with ${{ secrets.GITHUB_TOKEN }}",
                )
                .date(1_718_809_200_000.0)],
                &[0],
            )
            .with(|r| r.skipped(&[(1, NoLink)])),
        },
        Fixture {
            file: "cyrillic.json",
            has: &["Привет?", r#""Гайд""#, r#""ГАЙД""#],
            lacks: &[],
            outcome: renders(
                "Korepi",
                vec![
                    // "Гайд" and "ГАЙД" are one section (case folds in Cyrillic too).
                    linked(0, "https://korepi.example/ru/guide/info/", "Гайды")
                        .tags(&["Гайд"])
                        .date(1_700_840_234_000.0),
                    linked(
                        1,
                        "https://korepi.example/ru/guide/info/page.html",
                        "Привет?",
                    )
                    .tags(&["Гайд"])
                    .date(1_700_840_234_000.0),
                    linked(2, "https://korepi.example/ru/start/hello.html", "Привет?")
                        .tags(&["Старт", "Новости"])
                        .date(1_700_733_600_000.0),
                ],
                // The same title twice is two stories (other ids and urls).
                &[0, 1, 2],
            ),
        },
        Fixture {
            file: "dates-date-only.json",
            has: &[r#""2019-12-07""#, r#""expired": false"#],
            lacks: &[r#""home_page_url""#, r#""feed_url""#],
            // A date alone is midnight UTC; the publisher is told it is not RFC 3339.
            outcome: renders(
                "admataz - code, tools, games and viz",
                vec![
                    linked(
                        0,
                        "https://portfolio.example/tools/filterfind",
                        "Filter:Find",
                    )
                    .tags(&["code", "adam davis", "web"])
                    .date(1_575_676_800_000.0),
                    linked(
                        1,
                        "https://portfolio.example/code/swimming",
                        "Swimming love poem",
                    )
                    .tags(&["code"])
                    .date(1_575_504_000_000.0),
                    linked(
                        2,
                        "https://portfolio.example/code/full-date",
                        "One with a full date",
                    )
                    .date(1_575_633_600_000.0),
                ],
                // Dec 7, then Dec 6 noon, then Dec 5: date-only sorts among full dates.
                &[0, 2, 1],
            )
            .with(|r| {
                r.notes(vec![
                    non_rfc3339(0, "2019-12-07"),
                    non_rfc3339(1, "2019-12-05"),
                ])
            }),
        },
        Fixture {
            file: "dates-modified-only.json",
            has: &["date_modified"],
            lacks: &[r#""date_published""#],
            outcome: renders(
                "WizardCM",
                vec![
                    linked(
                        0,
                        "https://wizard.example/post/vue/",
                        "Oh look, a new site - in VueJS!",
                    )
                    .date(1_634_688_000_000.0),
                    linked(
                        1,
                        "https://wizard.example/post/aphantasia/",
                        "\"I consider myself more a consumer than a creator\"",
                    )
                    .date(1_562_198_400_000.0),
                ],
                &[0, 1],
            ),
        },
        Fixture {
            file: "dates-no-seconds-no-zone.json",
            has: &[r#""2018-01-06T08:00""#],
            lacks: &[],
            // No zone is read as UTC; no seconds as :00.
            outcome: renders(
                "Dates without seconds or zone",
                vec![
                    story(
                        0,
                        "twitter-quitter",
                        "http://www.clifton.example/twitter-quitter",
                        "Twitter Quitter",
                    )
                    .date(1_515_225_600_000.0),
                    story(
                        1,
                        "next-actions",
                        "http://www.clifton.example/next-actions",
                        "Next Actions",
                    )
                    .date(1_513_324_800_000.0),
                ],
                &[0, 1],
            )
            .with(|r| {
                r.notes(vec![
                    non_rfc3339(0, "2018-01-06T08:00"),
                    non_rfc3339(1, "2017-12-15T08:00"),
                ])
            }),
        },
        Fixture {
            file: "dates-none.json",
            has: &[r#""date_published": """#, "last Tuesday"],
            lacks: &[r#""date_modified""#],
            outcome: renders(
                "No dates at all",
                vec![
                    story(
                        0,
                        "first",
                        "https://undated.example/first",
                        "First in the feed, undated",
                    ),
                    story(
                        1,
                        "second",
                        "https://undated.example/second",
                        "Second in the feed, undated",
                    ),
                    story(
                        2,
                        "third",
                        "https://undated.example/third",
                        "Third in the feed, a date no one can read",
                    ),
                    story(
                        3,
                        "fourth",
                        "https://undated.example/fourth",
                        "Fourth in the feed, the only dated one",
                    )
                    .date(1_577_836_800_000.0),
                ],
                // Dated before undated; the undated in feed order.
                &[3, 0, 1, 2],
            )
            // Today an empty date_published is noted like an unreadable one.
            .with(|r| r.notes(vec![non_rfc3339(1, ""), non_rfc3339(2, "last Tuesday")])),
        },
        Fixture {
            file: "dates-rfc3339-offset-millis.json",
            has: &[".000+01:00", ".123+01:00", ".5-05:00"],
            lacks: &[],
            outcome: renders(
                "Dates with an offset and milliseconds",
                vec![
                    story(
                        0,
                        "custom-email",
                        "https://blog.racca.example/custom-email",
                        "Create a Custom Email address",
                    )
                    .tags(&["Year-2023", "Language-English"])
                    .date(1_701_615_483_000.0),
                    story(
                        1,
                        "hetzner",
                        "https://blog.racca.example/hetzner",
                        "Why I Love Hetzner Cloud",
                    )
                    .tags(&["Year-2023"])
                    .date(1_699_459_920_123.0),
                    story(
                        2,
                        "negative-offset",
                        "https://blog.racca.example/negative-offset",
                        "Written west of Greenwich",
                    )
                    .date(1_698_899_400_500.0),
                ],
                &[0, 1, 2],
            ),
        },
        Fixture {
            file: "dates-rfc822.json",
            has: &["Fri, 31 May 2019 12:17:58 -0700", " GMT\""],
            lacks: &[],
            outcome: renders(
                "RFC 822 dates",
                vec![
                    story(
                        0,
                        "graphite",
                        "https://www.influx.example/blog/graphite-benchmark",
                        "InfluxDB vs. Graphite",
                    )
                    .date(1_559_330_278_000.0),
                    story(
                        1,
                        "elasticsearch",
                        "https://www.influx.example/blog/elasticsearch-benchmark",
                        "InfluxDB vs. Elasticsearch",
                    )
                    .date(1_517_924_052_000.0),
                    story(
                        2,
                        "gmt-two-digit-year",
                        "https://www.influx.example/blog/gmt",
                        "A zone name and a two-digit year",
                    )
                    .date(1_673_049_600_000.0),
                    story(
                        3,
                        "dojo",
                        "https://www.influx.example/blog/dojo",
                        "Jekyll's RFC 822 with a Central offset",
                    )
                    .date(1_673_071_200_000.0),
                ],
                &[3, 2, 0, 1],
            )
            .with(|r| {
                r.notes(vec![
                    // Today item 0 is noted twice: once for date_published, once
                    // for the same value in date_modified (the note names no field).
                    non_rfc3339(0, "Fri, 31 May 2019 12:17:58 -0700"),
                    non_rfc3339(0, "Fri, 31 May 2019 12:17:58 -0700"),
                    non_rfc3339(1, "Tue, 06 Feb 2018 06:34:12 -0700"),
                    non_rfc3339(2, "Sat, 07 Jan 23 00:00:00 GMT"),
                    non_rfc3339(3, "Sat, 07 Jan 2023 00:00:00 -0600"),
                ])
            }),
        },
        Fixture {
            file: "extensions-itunes.json",
            has: &[r#""_itunes": {"#, r#""attachments": []"#],
            lacks: &[],
            outcome: renders(
                "A podcast with an _itunes extension",
                vec![
                    linked(0, "https://converter.example/episode-1", "Episode 1")
                        .date(1_523_484_403_000.0),
                    linked(
                        1,
                        "https://converter.example/episode-0",
                        "Empty attachments",
                    )
                    .date(1_523_398_003_000.0),
                ],
                &[0, 1],
            ),
        },
        Fixture {
            file: "extensions-rss-geo.json",
            has: &[r#""_rss": {"#, r#""_geo": {"#, r#""summary": """#],
            lacks: &[],
            outcome: renders(
                "fboës - Der Blog",
                vec![
                    story(
                        0,
                        "user/posts/2020-02-21-lecker-lecker/index.md",
                        "https://journal.example/posts/2020-02-21-lecker-lecker/",
                        "Lecker, lecker",
                    )
                    .tags(&["Lustiges"])
                    .date(1_582_304_886_000.0)
                    .image("https://cdn.journal.example/lecker.jpg"),
                    story(
                        1,
                        "user/posts/2020-02-14-flugsimulator/index.md",
                        "https://journal.example/posts/2020-02-14-flugsimulator/",
                        "Flugsimulator: Überflug",
                    )
                    .tags(&["Luft- & Raumfahrt", "Spiele"])
                    .date(1_581_667_200_000.0),
                ],
                &[0, 1],
            ),
        },
        Fixture {
            file: "external-url-null.json",
            has: &[r#""external_url": null"#, r#""url": null"#],
            lacks: &[],
            outcome: renders(
                "external_url is null",
                vec![
                    story(
                        0,
                        "post-with-null-external",
                        "https://orchard.example/blog/post-with-null-external",
                        "A post whose external_url is null",
                    )
                    .date(1_535_086_800_000.0),
                    story(
                        1,
                        "linked-elsewhere",
                        "https://elsewhere.example/story",
                        "A link post whose url is null",
                    )
                    .date(1_535_000_400_000.0),
                ],
                &[0, 1],
            )
            .with(|r| r.skipped(&[(2, NoLink)])),
        },
        Fixture {
            file: "feed-url-blog-page.json",
            has: &[r#""feed_url": "https://orchard.example/blog""#],
            lacks: &[],
            outcome: renders(
                "feed_url points at the blog page",
                vec![
                    story(
                        0,
                        "slug-one",
                        "https://orchard.example/blog/slug-one",
                        "An absolute url, as the real feed has",
                    ),
                    // RFC 3986: "slug-two" against ".../blog" replaces "blog".
                    story(
                        1,
                        "slug-two",
                        "https://orchard.example/slug-two",
                        "A path-relative url resolves beside the page, not under it",
                    ),
                ],
                &[0, 1],
            ),
        },
        Fixture {
            file: "feed-url-domain-only.json",
            has: &[r#""feed_url": "https://www.influx.example""#],
            lacks: &[],
            outcome: renders(
                "feed_url is only the domain",
                vec![
                    story(
                        0,
                        "a",
                        "https://www.influx.example/blog/post-a",
                        "Path-relative against a bare domain",
                    )
                    .image("https://www.influx.example/cover.png"),
                    story(
                        1,
                        "b",
                        "https://www.influx.example/blog/post-b",
                        "Root-relative against a bare domain",
                    ),
                ],
                &[0, 1],
            ),
        },
        Fixture {
            file: "generated-shared-dates.json",
            has: &["doc://Brunow/", r#""summary": """#],
            lacks: &[],
            outcome: {
                let doc = |i: usize, slug: &str, title: &str, ms: f64| {
                    story(
                        i,
                        &["doc://Brunow/documentation/Brunow/", slug].concat(),
                        &["https://docs.brunow.example/documentation/brunow/", slug].concat(),
                        title,
                    )
                    .date(ms)
                };
                let new_year = 1_451_714_399_000.0;
                let pi_day = 1_489_514_400_000.0;
                renders(
                    "Brunow",
                    vec![
                        doc(0, "01-01-celebrations", "Celebrations", new_year),
                        doc(1, "01-01-resolutions", "Resolutions", new_year),
                        doc(2, "01-01-reading-list", "Reading List", new_year),
                        doc(3, "03-14-pi-day", "Pi Day", pi_day),
                        doc(4, "03-14-pie", "Pie", pi_day),
                        doc(5, "07-04-fireworks", "Fireworks", 1_436_018_400_000.0),
                        doc(6, "12-25-gifts", "Gifts", 1_545_717_600_000.0),
                        doc(7, "01-01-new-year-links", "New Year Links", new_year),
                    ],
                    // Newest first; items sharing a date keep their feed order.
                    &[6, 3, 4, 0, 1, 2, 7, 5],
                )
            },
        },
        Fixture {
            file: "html-wrapped.json",
            has: &["<!doctype html>", r#""description": ,"#],
            lacks: &[],
            outcome: Outcome::Fails(FeedError::Html),
        },
        Fixture {
            file: "ids-duplicate.json",
            has: &[r#""id": "1""#, r#""id": 1,"#],
            lacks: &[],
            outcome: renders(
                "My Example Feed",
                vec![
                    story(0, "1", "https://example.org/second-item", "The second item")
                        .date(1_495_274_400_000.0),
                    story(
                        1,
                        "1",
                        "https://example.org/initial-post",
                        "The initial post",
                    )
                    .date(1_495_188_000_000.0),
                    // A number id is read as its decimal text: the same id "1".
                    story(
                        2,
                        "1",
                        "https://example.org/third-item",
                        "The same id, written as a number",
                    )
                    .date(1_495_360_800_000.0),
                    story(3, "2", "https://example.org/fourth-item", "A unique id")
                        .date(1_495_101_600_000.0),
                ],
                // All are kept; the reader sees the newest of those sharing id "1".
                &[2, 3],
            )
            .with(|r| r.duplicates(vec![duplicate(1, "1"), duplicate(2, "1")])),
        },
        Fixture {
            file: "ids-none.json",
            has: &["\\u0026#8211;", "//images.cdn.example/"],
            lacks: &[r#""id""#],
            // No ids: the resolved url stands in, and the checker is told.
            outcome: renders(
                "Blog – InfluxData",
                vec![
                    linked(
                        0,
                        "https://www.influx.example/blog/graphite-benchmark",
                        "InfluxDB vs. Graphite for Time Series Data & Metrics Benchmark",
                    )
                    .tags(&["InfluxDB", "Community"])
                    .date(1_559_330_278_000.0),
                    linked(
                        1,
                        "https://www.influx.example/blog/elasticsearch-benchmark",
                        "InfluxDB vs. Elasticsearch",
                    )
                    .date(1_517_924_052_000.0),
                    linked(2, "https://example.com/", "Fake item"),
                ],
                &[0, 1, 2],
            )
            .with(|r| {
                r.notes(vec![
                    MissingId { index: 0 },
                    non_rfc3339(0, "Fri, 31 May 2019 12:17:58 -0700"),
                    MissingId { index: 1 },
                    non_rfc3339(1, "Tue, 06 Feb 2018 06:34:12 -0700"),
                    MissingId { index: 2 },
                ])
            }),
        },
        Fixture {
            file: "ids-one-missing.json",
            has: &[r#""id": "   ""#],
            lacks: &[],
            outcome: renders(
                "My Example Feed",
                vec![
                    linked(
                        0,
                        "https://example.org/second-item",
                        "The second item, which has no id",
                    ),
                    story(
                        1,
                        "1",
                        "https://example.org/initial-post",
                        "The initial post",
                    ),
                    linked(
                        2,
                        "https://example.org/third-item",
                        "An id of blank space counts as none",
                    ),
                ],
                &[0, 1, 2],
            )
            .with(|r| r.notes(vec![MissingId { index: 0 }, MissingId { index: 2 }])),
        },
        Fixture {
            file: "items-without-title.json",
            has: &[r#""title": """#, r#""title": null"#],
            lacks: &[],
            // No title, which JSON Feed allows: a headline from the summary,
            // else the text, else the HTML's text; with none of them, skipped.
            outcome: renders(
                "My Example Feed",
                vec![
                    story(
                        0,
                        "1",
                        "https://example.org/second-item",
                        "This is a second item.",
                    )
                    .untitled(),
                    story(1, "2", "https://example.org/initial-post", "Hello, world!").untitled(),
                    story(2, "3", "https://example.org/empty-title", "An empty title").untitled(),
                ],
                &[0, 1, 2],
            )
            .with(|r| {
                r.skipped(&[(3, NoTitle), (4, NoTitle)]).notes(vec![
                    Note::MadeUpHeadline { index: 0 },
                    Note::MadeUpHeadline { index: 1 },
                    Note::MadeUpHeadline { index: 2 },
                ])
            }),
        },
        Fixture {
            file: "untitled-microblog.json",
            has: &["<script>", "<!DOCTYPE html>", "3.5"],
            lacks: &[],
            // A microblog: headlines from each post's first sentence, markup
            // and script dropped, entities decoded, long text cut at a word.
            outcome: renders(
                "A microblog",
                vec![
                    linked(
                        0,
                        "https://micro.example/2024/03/01/a.html",
                        "Just back from the city council meeting & the budget vote.",
                    )
                    .date(1_709_326_800_000.0)
                    .untitled(),
                    linked(
                        1,
                        "https://micro.example/2024/02/28/b.html",
                        "The river has risen past the old mill and the footbridge near the station is closed until the water goes…",
                    )
                    .date(1_709_107_200_000.0)
                    .untitled(),
                    linked(2, "https://micro.example/2024/02/27/c.html", "Версия 3.5 вышла!")
                        .date(1_709_020_800_000.0)
                        .untitled(),
                    linked(
                        3,
                        "https://micro.example/2024/02/26/d.html",
                        "Photos from the spring fair.",
                    )
                    .date(1_708_934_400_000.0)
                    .untitled(),
                    linked(
                        4,
                        "https://micro.example/2024/02/25/e.html",
                        "A titled post keeps its title",
                    )
                    .date(1_708_848_000_000.0),
                ],
                &[0, 1, 2, 3, 4],
            )
            .with(|r| {
                r.notes(vec![
                    Note::MadeUpHeadline { index: 0 },
                    Note::MadeUpHeadline { index: 1 },
                    Note::MadeUpHeadline { index: 2 },
                    Note::MadeUpHeadline { index: 3 },
                ])
            }),
        },
        Fixture {
            file: "items-without-url.json",
            has: &["A post with no URL!!", r#""url": """#],
            lacks: &[],
            // url, else external_url, else an id that is a URL; else skipped.
            outcome: renders(
                "jsonfeed-to-rss extended feed",
                vec![
                    story(
                        1,
                        "https://example.com/some-external-link2-2018-04-09T22:06:43.000Z",
                        "https://example.com/some-external-link2",
                        "A post with no URL!!",
                    )
                    .date(1_523_311_603_000.0),
                    linked(
                        2,
                        "https://example.com/id-is-the-link",
                        "No url, but the id is a URL",
                    )
                    .date(1_523_225_203_000.0),
                    story(
                        3,
                        "https://bret.example/my-blog-post-2018-04-07T22:06:43.000Z",
                        "https://bret.example/my-blog-post",
                        "This is a blog title",
                    )
                    .date(1_523_138_803_000.0),
                    story(
                        4,
                        "empty-url",
                        "https://example.com/empty-url-fallback",
                        "An empty url falls back to external_url",
                    )
                    .date(1_523_052_403_000.0),
                ],
                &[1, 2, 3, 4],
            )
            .with(|r| r.skipped(&[(0, NoLink)])),
        },
        Fixture {
            file: "next-url-equals-feed-url.json",
            has: &[r#""next_url": "https://example.org/feed.json""#],
            lacks: &[],
            // Pagination is never followed, so a loop costs nothing.
            outcome: renders(
                "My Example Feed",
                vec![story(
                    0,
                    "1",
                    "https://example.org/initial-post",
                    "The only page points to itself as the next one",
                )],
                &[0],
            ),
        },
        Fixture {
            file: "summary-only.json",
            has: &["summary", "&amp;", ".svg"],
            lacks: &[r#""content_html""#, r#""content_text""#],
            outcome: renders(
                "Summary only",
                vec![
                    linked(
                        0,
                        "https://wizard.example/post/vue/",
                        "Oh look, a new site - in VueJS!",
                    )
                    .date(1_634_688_000_000.0),
                    linked(1, "https://wizard.example/post/aphantasia/", "Aphantasia")
                        .date(1_562_198_400_000.0)
                        .image("https://s.w.example/images/core/emoji/13.0.1/svg/1f642.svg"),
                ],
                &[0, 1],
            ),
        },
        Fixture {
            file: "tags-as-string.json",
            has: &[r#""tags": "workflow,omnifocus""#, r#""tags": """#],
            lacks: &[],
            // Split at commas, trimmed, empty ones dropped, repeats (any case) once.
            outcome: renders(
                "Tags as one string",
                vec![
                    story(
                        0,
                        "workflow-add-task",
                        "https://orchard.example/blog/workflow-add-task",
                        "Workflow: Add Task",
                    )
                    .tags(&["workflow", "omnifocus"])
                    .date(1_535_086_800_000.0),
                    story(
                        1,
                        "no-tags-at-all",
                        "https://orchard.example/blog/no-tags-at-all",
                        "Nothing to file it under",
                    )
                    .date(1_534_741_200_000.0),
                    story(
                        2,
                        "spaces-and-repeats",
                        "https://orchard.example/blog/spaces-and-repeats",
                        "Spaces, repeats and empty slots",
                    )
                    .tags(&["shortcuts", "OmniFocus"])
                    .date(1_533_877_200_000.0),
                ],
                &[0, 1, 2],
            ),
        },
        Fixture {
            file: "title-html-entities.json",
            has: &["&amp;", "\\u0026#8211;", "&#8217;", "&lt;b&gt;"],
            lacks: &[],
            // Decoded once, into plain text; unknown or broken entities stay as written.
            outcome: renders(
                "Blog – Entities",
                vec![
                    story(
                        0,
                        "1",
                        "https://entities.example/1",
                        "Workflow: Add Task & Sub Tasks To OmniFocus",
                    ),
                    story(
                        1,
                        "2",
                        "https://entities.example/2",
                        "InfluxDB vs. Graphite & Metrics – Benchmark",
                    ),
                    // &nbsp; is blank space, collapsed with the rest.
                    story(
                        2,
                        "3",
                        "https://entities.example/3",
                        "I’ve decided – “quit”… 🙂",
                    ),
                    // Markup is text: "<b>" is shown as the three characters.
                    story(
                        3,
                        "4",
                        "https://entities.example/4",
                        "<b>Not bold</b> AT&T &bogus; Tom &amp; Jerry",
                    ),
                    story(4, "5", "https://entities.example/5", "&"),
                ],
                &[0, 1, 2, 3, 4],
            ),
        },
        Fixture {
            file: "top-level-four-fields.json",
            has: &["http://timetable.example/", r#""attachments""#],
            lacks: &[
                r#""feed_url""#,
                r#""author""#,
                r#""icon""#,
                r#""url": "https://"#,
            ],
            outcome: renders(
                "Timetable",
                vec![
                    linked(
                        0,
                        "http://timetable.example/2017/04/episode-45-launch-week/",
                        "Episode 45: Launch week",
                    )
                    .date(1_493_168_985_000.0),
                    linked(
                        1,
                        "http://timetable.example/2017/04/episode-44-disappoint-some-people/",
                        "Episode 44: Disappoint some people",
                    )
                    .date(1_492_707_549_000.0),
                ],
                &[0, 1],
            ),
        },
        Fixture {
            file: "truncated.json",
            has: &["Keyboard Shortcut Setti\n"],
            lacks: &["]"],
            // Cut inside a string and followed by the file's newline: the raw
            // newline is read as text, so the feed is what it is, cut short.
            outcome: Outcome::Fails(FeedError::Json(
                "it ends too early at line 19, column 0".into(),
            )),
        },
        Fixture {
            file: "urls-protocol-relative.json",
            has: &[r#""//images.cdn.example/"#, r#""//mirror."#],
            lacks: &[],
            // Protocol-relative takes the scheme of the feed's base (https).
            outcome: renders(
                "Protocol-relative URLs",
                vec![
                    story(
                        0,
                        "cdn-image",
                        "https://www.influx.example/blog/one",
                        "A protocol-relative image",
                    )
                    .image("https://images.cdn.example/o7xu9/cover.jpg"),
                    story(
                        1,
                        "cdn-url",
                        "https://mirror.influx.example/blog/two",
                        "A protocol-relative link",
                    ),
                ],
                &[0, 1],
            ),
        },
        Fixture {
            file: "urls-relative-no-feed-url.json",
            has: &[r#""url": "/posts/"#, r#""url": "path-relative.html""#],
            lacks: &[r#""feed_url""#],
            // Resolved against where the feed was fetched; the publisher is told
            // for each relative `url` (today not for a relative `image`).
            outcome: renders(
                "Relative links and no feed_url",
                vec![
                    story(
                        0,
                        "root",
                        "https://feeds.example/posts/root-relative/",
                        "Root-relative",
                    )
                    .image("https://feeds.example/images/root.png"),
                    story(
                        1,
                        "path",
                        "https://feeds.example/blog/path-relative.html",
                        "Path-relative",
                    )
                    .image("https://feeds.example/blog/img/path.png"),
                    story(
                        2,
                        "absolute",
                        "https://elsewhere.example/absolute",
                        "Absolute link, relative image",
                    )
                    .image("https://feeds.example/blog/cover.jpg"),
                ],
                &[0, 1, 2],
            )
            .with(|r| {
                r.notes(vec![
                    RelativeUrlWithoutFeedUrl { index: 0 },
                    RelativeUrlWithoutFeedUrl { index: 1 },
                ])
            }),
        },
        Fixture {
            file: "urls-relative.json",
            has: &[
                r#""image": "/custom-email/cover.jpg""#,
                r#""url": "../up/""#,
            ],
            lacks: &[],
            // Resolved against feed_url, not against where the feed was fetched.
            outcome: renders(
                "Seba's Blog",
                vec![
                    story(
                        0,
                        "custom-email",
                        "https://blog.racca.example/custom-email",
                        "Root-relative image",
                    )
                    .date(1_701_615_483_000.0)
                    .image("https://blog.racca.example/custom-email/cover.jpg"),
                    story(
                        1,
                        "hetzner",
                        "https://blog.racca.example/hetzner",
                        "Root-relative url",
                    )
                    .date(1_699_459_920_000.0)
                    .image("https://blog.racca.example/hetzner/cover.jpg"),
                    story(
                        2,
                        "posts-page",
                        "https://blog.racca.example/posts/page.html?lang=en#top",
                        "Path-relative url with query and fragment",
                    )
                    .date(1_696_147_200_000.0),
                    // Above the root stays at the root.
                    story(
                        3,
                        "up-one",
                        "https://blog.racca.example/up/",
                        "Dot segments",
                    )
                    .date(1_693_555_200_000.0),
                ],
                &[0, 1, 2, 3],
            ),
        },
        Fixture {
            file: "version-bare-1.0.json",
            has: &[r#""version": "1.0""#],
            lacks: &[],
            outcome: renders(
                "Sample feed, bare version 1.0",
                vec![story(
                    0,
                    "id",
                    "https://sample.example/id",
                    "Every field filled in, v1 shape",
                )
                .tags(&["tag1", "tag2"])
                .date(1_570_864_850_000.0)
                .image("https://sample.example/image.png")],
                &[0],
            ),
        },
        Fixture {
            file: "version-bare-1.1.json",
            has: &[r#""version": "1.1""#, ".52Z"],
            lacks: &[],
            // ".52" is 520 ms.
            outcome: renders(
                "Sample feed, bare version 1.1",
                vec![story(
                    0,
                    "id",
                    "https://sample.example/id",
                    "Every field filled in",
                )
                .tags(&["tag1", "tag2"])
                .date(1_570_864_850_520.0)
                .image("https://sample.example/image.png")],
                &[0],
            ),
        },
        Fixture {
            file: "version-http-url.json",
            has: &[
                r#""version": "http://jsonfeed.org/version/1""#,
                r#""description": """#,
            ],
            lacks: &[],
            // Not an unknown version; a linkblog item still links to its own page.
            outcome: renders(
                "Linklog",
                vec![
                    linked(
                        0,
                        "https://linklog.example/linklog/uber-losses/",
                        "Uber Lost $4.5 Billion in 2017",
                    )
                    .date(1_518_564_192_000.0),
                    linked(
                        1,
                        "https://linklog.example/2018/02/13/essay/",
                        "An Essay Without an External Link",
                    )
                    .date(1_518_530_720_000.0),
                ],
                &[0, 1],
            ),
        },
        Fixture {
            file: "version-json-number.json",
            has: &[r#""version": 1.1,"#],
            lacks: &[],
            outcome: renders(
                "Version written as a JSON number",
                vec![linked(
                    0,
                    "https://sample.example/one",
                    "The version is 1.1 without quotes",
                )
                .date(1_614_592_800_000.0)],
                &[0],
            )
            // Today a fractional number is dropped as a wrong type, so the note
            // says there is no version at all (an integer `1` is accepted as "1").
            .with(|r| r.notes(vec![Note::NoVersion])),
        },
    ]
}

// ---- The tests ------------------------------------------------------------

#[test]
fn every_fixture_has_an_expectation() {
    let mut expected: Vec<String> = fixtures().iter().map(|f| f.file.to_owned()).collect();
    let listed = expected.len();
    expected.sort();
    expected.dedup();
    assert_eq!(expected.len(), listed, "a fixture has two rows");
    assert_eq!(
        fixture_files(),
        expected,
        "tests/fixtures/*.json and the rows of fixtures() differ"
    );
    assert_eq!(listed, 38);
}

#[test]
fn every_fixture_reads_as_expected() {
    let mut wrong = Vec::new();
    for fixture in fixtures() {
        let got = match read(fixture.file) {
            Ok(f) => Outcome::Renders(Read::of(&f)),
            Err(e) => Outcome::Fails(e),
        };
        if got != fixture.outcome {
            wrong.push(format!(
                "{}:\n  expected {:#?}\n  got {:#?}",
                fixture.file, fixture.outcome, got
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_fixture_has_the_oddity_it_is_named_for() {
    for fixture in fixtures() {
        let text = text(fixture.file);
        for has in fixture.has {
            assert!(text.contains(has), "{}: no {has:?}", fixture.file);
        }
        for lacks in fixture.lacks {
            assert!(!text.contains(lacks), "{}: has {lacks:?}", fixture.file);
        }
    }
    assert_eq!(text("broken-20-bytes.json").len(), 20);
    assert!(text("html-wrapped.json").starts_with("<!doctype html>"));
    assert!(text("truncated.json").ends_with("Setti\n"));
}

#[test]
fn fixtures_stay_small() {
    for name in fixture_files() {
        let size = text(&name).len();
        assert!(size <= 3 * 1024, "{name}: {size} bytes");
    }
}

#[test]
fn reading_in_slices_agrees_with_reading_at_once() {
    for name in fixture_files() {
        let text = text(&name);
        assert_eq!(
            feed::parse(&text, FETCHED_FROM),
            feed::parse_at_once(&text, FETCHED_FROM),
            "{name}"
        );
    }
}

#[test]
fn what_renders_is_clean_text_and_absolute_http_links() {
    let mut stories = 0;
    for name in fixture_files() {
        let Ok(f) = read(&name) else { continue };
        for item in &f.items {
            stories += 1;
            let scheme_ok = |u: &str| u.starts_with("https://") || u.starts_with("http://");
            assert!(scheme_ok(&item.url), "{name}: {}", item.url);
            assert!(
                item.image.as_deref().is_none_or(scheme_ok),
                "{name}: {:?}",
                item.image
            );
            for label in std::iter::once(&item.title).chain(&item.sections) {
                assert!(!label.is_empty(), "{name}: empty label");
                assert_eq!(label.trim(), label, "{name}");
                assert!(!label.chars().any(char::is_control), "{name}: {label:?}");
                assert!(!label.contains("  "), "{name}: {label:?}");
            }
            assert!(!item.locked, "{name}");
        }
    }
    assert_eq!(stories, 97);
}

#[test]
fn documents_that_are_not_feeds_say_why() {
    let describe = |name: &str| read(name).unwrap_err().describe();
    assert_eq!(
        describe("html-wrapped.json"),
        "the response is an HTML page, not a JSON feed"
    );
    assert_eq!(
        describe("broken-20-bytes.json"),
        "the response is not valid JSON (it ends too early at line 3, column 0)"
    );
    assert_eq!(
        describe("truncated.json"),
        "the response is not valid JSON (it ends too early at line 19, column 0)"
    );
}

#[test]
fn notes_tell_the_publisher_in_words() {
    let lines = |name: &str| -> Vec<String> {
        read(name)
            .unwrap()
            .notes
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    assert_eq!(
        lines("urls-relative-no-feed-url.json"),
        [
            "item 0: relative url and no feed_url (resolved against where the feed was fetched)",
            "item 1: relative url and no feed_url (resolved against where the feed was fetched)",
        ]
    );
    assert_eq!(
        lines("ids-one-missing.json"),
        [
            "item 0: no \"id\" (its url is used instead)",
            "item 2: no \"id\" (its url is used instead)",
        ]
    );
    assert_eq!(
        lines("dates-no-seconds-no-zone.json"),
        [
            "item 0: date \"2018-01-06T08:00\" is not RFC 3339",
            "item 1: date \"2017-12-15T08:00\" is not RFC 3339",
        ]
    );
    assert_eq!(lines("version-json-number.json"), ["no \"version\""]);
    let f = read("ids-duplicate.json").unwrap();
    let duplicates: Vec<String> = duplicate_ids(&f).iter().map(ToString::to_string).collect();
    assert_eq!(
        duplicates,
        ["item 1: duplicate id \"1\"", "item 2: duplicate id \"1\""]
    );
}

#[test]
fn sections_from_a_tags_string_narrow_the_list() {
    let f = read("tags-as-string.json").unwrap();
    // Case-insensitive: "OmniFocus" finds "omnifocus" too.
    assert_eq!(
        indexes(&shown_in(&f, Some(vec!["OmniFocus"]), None)),
        [0, 2]
    );
    assert_eq!(indexes(&shown_in(&f, Some(vec![" workflow "]), None)), [0]);
    assert_eq!(
        indexes(&shown_in(&f, Some(vec!["shortcuts", "workflow"]), None)),
        [0, 2]
    );
    // "" was no tag at all: nothing is filed under an empty section.
    assert!(shown_in(&f, Some(vec!["gardening"]), None).is_empty());
    // On the page of item 0, the widget lists the others sharing its sections.
    let on_page = shown_in(
        &f,
        None,
        Some("https://orchard.example/blog/workflow-add-task"),
    );
    assert_eq!(indexes(&on_page), [2]);
}

#[test]
fn cyrillic_sections_match_ignoring_case() {
    let f = read("cyrillic.json").unwrap();
    assert_eq!(indexes(&shown_in(&f, Some(vec!["гайд"]), None)), [0, 1]);
    assert_eq!(indexes(&shown_in(&f, Some(vec!["НОВОСТИ"]), None)), [2]);
    let on_page = shown_in(&f, None, Some("https://korepi.example/ru/guide/info/"));
    let titles: Vec<&str> = on_page.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Привет?"]);
}

#[test]
fn a_generated_feed_lists_newest_first_and_ties_in_feed_order() {
    let f = read("generated-shared-dates.json").unwrap();
    let top = select::select(
        &f,
        &Query {
            limit: 5,
            sections: Some(vec![]),
            ..Query::default()
        },
    );
    let titles: Vec<&str> = top.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Gifts", "Pi Day", "Pie", "Celebrations", "Resolutions"]
    );
}

#[test]
fn untitled_items_are_listed_unless_the_partner_skips_them() {
    let f = read("items-without-title.json").unwrap();
    for limit in [1, 5, usize::MAX] {
        let q = |skip_untitled| Query {
            limit,
            sections: Some(vec![]),
            skip_untitled,
            ..Query::default()
        };
        assert_eq!(
            select::select(&f, &q(false)).len(),
            limit.min(3),
            "limit {limit}"
        );
        assert!(select::select(&f, &q(true)).is_empty(), "limit {limit}");
    }
    assert_eq!(f.title, "My Example Feed");
}
