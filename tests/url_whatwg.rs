//! `src/url.rs` against the browser's own URL parser (`new URL`) in
//! headless Chromium (`make test-wasm`), on hand-picked and generated strings.
//!
//! The shipped `url::resolve`, which reads through `new URL`: the browser's
//! href for an `http:`/`https:` link without user info, `None` for anything
//! else and for an empty link.
//!
//! The model (`url::resolve_model`, what native tests run on): when the
//! browser reads a link as `http:`/`https:`, ours is
//! exactly its `href`, or `None` where `src/url.rs` documents that it refuses
//! (empty links, user info, IPv6, `|` in a path, host symbols, letters
//! beyond Latin, Greek and Cyrillic, `xn--` labels that are not their
//! Punycode); when the browser throws or reads another scheme, ours is
//! `None`.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use related_stories::url::{resolve, resolve_model};
use wasm_bindgen_test::*;
use web_sys::Url;

wasm_bindgen_test_configure!(run_in_browser);

/// The bases links are read against; `""` is no base (`new URL(s)`).
const BASES: [&str; 3] = [
    "https://news.example/en/feed.json",
    "http://x.example/a/b?q#f",
    "",
];

/// What the browser makes of `s`: its href if the scheme is http(s).
fn browser(base: &str, s: &str) -> Result<Option<Url>, ()> {
    let url = if base.is_empty() {
        Url::new(s)
    } else {
        Url::new_with_base(s, base)
    }
    .map_err(|_| ())?;
    Ok(matches!(url.protocol().as_str(), "http:" | "https:").then_some(url))
}

/// The WHATWG parser's first step, to know an empty link when we see one.
fn scrubbed(s: &str) -> String {
    s.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// Whether `src/url.rs` documents a `None` for what the browser accepts.
fn refusal_documented(s: &str, url: &Url) -> bool {
    let s = scrubbed(s);
    let host = url.hostname();
    // The authority as written: after any scheme and slashes, up to the path.
    let after_scheme = match s.split_once(':') {
        Some((scheme, rest)) if scheme.chars().all(|c| c.is_ascii_alphabetic()) => rest,
        _ => s.as_str(),
    };
    let authority = after_scheme
        .trim_start_matches(['/', '\\'])
        .split(['/', '\\', '?', '#'])
        .next()
        .unwrap_or_default();
    // A host written with letters beyond those `src/url.rs` maps, raw or
    // percent-encoded (`%C3%BC`): the browser may map them to ASCII (`ª` is
    // `a`) or to Punycode.
    let non_ascii = !authority.is_ascii()
        || authority.split('%').skip(1).any(|escape| {
            escape.starts_with(|c: char| matches!(c, '8'..='9' | 'a'..='f' | 'A'..='F'))
        });
    s.is_empty()
        || non_ascii
        || authority.contains('@')
        || !url.username().is_empty()
        || !url.password().is_empty()
        || host.starts_with('[')
        || host.contains("xn--")
        || !host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-._".contains(&b))
        || (s.contains('|') && url.pathname().contains("%7C"))
}

#[derive(Default)]
struct Tally {
    checked: usize,
    equal: usize,
    refused_documented: usize,
    both_refuse: usize,
    mismatches: Vec<String>,
}

impl Tally {
    fn check(&mut self, base: &str, s: &str) {
        self.checked += 1;
        let theirs = browser(base, s);
        let expected = match &theirs {
            Ok(Some(url))
                if url.username().is_empty()
                    && url.password().is_empty()
                    && !scrubbed(s).is_empty() =>
            {
                Some(url.href())
            }
            _ => None,
        };
        let shipped = resolve(base, s);
        if shipped != expected {
            self.mismatches.push(format!(
                "{s:?} on {base:?}: shipped {shipped:?}, browser {expected:?}"
            ));
        }
        let ours = resolve_model(base, s);
        match (&ours, theirs) {
            (None, Err(()) | Ok(None)) => self.both_refuse += 1,
            (Some(o), Ok(Some(url))) if *o == url.href() => self.equal += 1,
            (None, Ok(Some(url))) if refusal_documented(s, &url) => {
                self.refused_documented += 1;
            }
            (_, theirs) => {
                let theirs = match theirs {
                    Err(()) => "throws".to_owned(),
                    Ok(None) => "another scheme".to_owned(),
                    Ok(Some(url)) => url.href(),
                };
                self.mismatches.push(format!(
                    "{s:?} on {base:?}: ours {ours:?}, browser {theirs}"
                ));
            }
        }
    }

    fn check_all_bases(&mut self, s: &str) {
        for base in BASES {
            self.check(base, s);
        }
    }

    fn finish(self, what: &str) {
        console_log!(
            "{what}: {} checked, {} equal, {} refused as documented, {} refused by both, {} mismatches",
            self.checked,
            self.equal,
            self.refused_documented,
            self.both_refuse,
            self.mismatches.len()
        );
        assert!(
            self.mismatches.is_empty(),
            "{} mismatches, the first 20:\n{}",
            self.mismatches.len(),
            self.mismatches
                .iter()
                .take(20)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// The shapes issue 13 names, the hostile set of `src/url.rs`'s tests, and
/// relative references.
const HAND_PICKED: &[&str] = &[
    // A special scheme with no or one slash, backslashes.
    "https:/host/path",
    "https:host/path",
    "http:host",
    "https:\\\\evil.example",
    "https:\\host\\a\\b",
    "https:////host//a",
    "HTTP://A.example/",
    "hTtPs://News.Example:443/x",
    "http://h:80/",
    "http://h:0080/",
    "http://h:8080/",
    "https://h:80/",
    "http://h:/",
    "http://h:65535/",
    "http://h:65536/",
    "http://h:1a/",
    "http://h",
    "http://h?x",
    "http://h#x",
    "http://h\\x\\y",
    // Tabs, newlines and controls.
    "ht\ttp://h/a\nb",
    "\u{0}\u{1f} https://h/x \u{7}",
    "https://h/a\r\nb?c\td#e\nf",
    "\u{a0}https://h/",
    "https://h/\u{a0}",
    "https://h/a\u{0}b\u{1}c\u{7f}",
    // Encode sets.
    "http://x/a b\"<>`{}^'?a b'\"<>`{}|^#a b'\"<>`{}|^",
    "http://x/a%zz%2/%41%7e",
    "http://x/é/😀?é😀#é😀",
    "http://x/;=,!$&()*+~@:[]?;=,!$&()*+~@:/?[]\\#[]\\%?#",
    "http://x/a|b",
    "http://x/?a|b#c|d",
    // Dot segments.
    "http://h/a/%2e%2E/b/./c/..",
    "http://h/a/..%2f",
    "http://h/a/.../b",
    "http://h/./",
    "http://h/..",
    // Hosts.
    "http://0x7f.1/",
    "http://127.1/",
    "http://1.2.3/",
    "http://1.256/",
    "http://256.1/",
    "http://1.1.65536/",
    "http://1.2.3.4.5/",
    "http://1.2.3.4./",
    "http://1.2.3.4../",
    "http://foo.09/",
    "http://08/",
    "http://0x/",
    "http://0x./",
    "http://a.0x/",
    "http://a.0xg/",
    "http://a.1a/",
    "http://4294967295/",
    "http://4294967296/",
    "http://0x100000000/",
    "http://00000000000000000000001/",
    "http://999999999999999999999999/",
    "http://%30x7f.1/",
    "http://a%2eb/",
    "http://ex%41mple.com/",
    "http://a%00b/",
    "http://a%zzb/",
    "http://a%C3%BCb/",
    "http://a%FFb/",
    "http://a!b/",
    "http://a*b/",
    "http://a_b/",
    "http://a..b/",
    "http://./",
    "http://../",
    "http://:80/",
    "http:///x",
    "http://[::1]/",
    "http://[::1]:8080/",
    "http://user@h/",
    "http://user:pass@h/",
    "http://@h/",
    "http://a@b@h/",
    "http://bank.example@evil.example/",
    // Internationalized hosts.
    "http://bücher.de/",
    "http://BÜCHER.de/",
    "http://straße.de/",
    "http://новости.рф/",
    "http://НОВОСТИ.РФ/",
    "http://ΣΑΣ.gr/",
    "http://żółw.pl/",
    "http://İ.de/",
    "http://ĳ.de/",
    "http://ſ.de/",
    "http://ü.1/",
    "http://1.ü/",
    "http://例え.jp/",
    "http://xn--bcher-kva.de/",
    "http://XN--BCHER-KVA.de/",
    "http://xn--a/",
    "http://xn--abc-/",
    "http://xn--.de/",
    "http://xn--xn--bcher-kva/",
    "http://xn--ls8h.la/",
    "http://xn--ü.de/",
    "http://a\u{ad}b/",
    // Hostile.
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\u{1}javascript:alert(1)",
    "\u{0}javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\r\nscript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "jav&#x09;ascript:alert(1)",
    "javascript%3Aalert(1)",
    "//javascript:alert(1)",
    "\\\\javascript:alert(1)",
    "https://javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "mailto:a@b.c",
    "blob:https://h/x",
    "about:blank",
    "ftp://h/",
    "ws://h/",
    "http://",
    "https:",
    "http:",
    "",
    "   ",
    "\t\n",
    // Relative references.
    "/a/b",
    "story/",
    "../ru/x",
    "../../../../x",
    "a/./b/../../..",
    "//cdn.example/i.png",
    "\\\\cdn.example\\i.png",
    "/\\cdn.example/i.png",
    "\\x",
    "?page=2",
    "?",
    "#",
    "#top",
    "?q'#f'",
    "%2e%2e/x",
    ".%2E",
    "./c",
    "https:story",
    "http:story",
    "https:/story",
    "https:?x",
    "https:#x",
    "a b",
    "a:b",
    "a@b",
    "1:x",
    "h ttp://x/",
];

#[wasm_bindgen_test]
fn hand_picked_strings_read_as_the_browser_reads_them() {
    let mut tally = Tally::default();
    for s in HAND_PICKED {
        tally.check_all_bases(s);
    }
    tally.finish("hand-picked");
}

/// Every letter the host mapping knows, and its neighbours, in a host:
/// where `src/url.rs` claims them, ours must be the browser's answer exactly,
/// written as Unicode and as the `xn--` the browser makes of it.
#[wasm_bindgen_test]
fn known_letters_in_hosts_are_the_browsers_punycode() {
    let claimed = |n: u32| {
        matches!(n, 0xc0..=0x17e | 0x386 | 0x388..=0x38a | 0x38c | 0x38e..=0x3a1 | 0x3a3..=0x3ce | 0x400..=0x45f | 0x48a..=0x4bf)
            && !matches!(n, 0x130 | 0x132 | 0x133 | 0x13f | 0x140 | 0x149)
    };
    let mut tally = Tally::default();
    let mut strict = Vec::new();
    for n in 0xa0..0x530 {
        let Some(c) = char::from_u32(n) else { continue };
        let upper: String = c.to_uppercase().collect();
        for host in [
            format!("{c}"),
            format!("x{c}y.example"),
            format!("{c}{c}-{upper}.example"),
            format!("a.{c}"),
        ] {
            let s = format!("https://{host}/p");
            tally.check("", &s);
            let Ok(Some(url)) = browser("", &s) else {
                continue;
            };
            let punycode = format!("https://{}/p", url.host());
            tally.check("", &punycode);
            if claimed(n)
                && c.to_uppercase()
                    .all(|u| u.is_ascii() || u == c || claimed(u32::from(u)))
            {
                for s in [&s, &punycode] {
                    if resolve_model("", s).is_none() {
                        strict.push(format!("{s:?} refused, browser {}", url.href()));
                    }
                }
            }
        }
    }
    tally.mismatches.extend(strict);
    tally.finish("letters in hosts");
}

/// Words of those letters, mixed with ASCII, one to three labels of up to
/// 40 letters: Punycode with many insertions, deltas and bias changes.
#[wasm_bindgen_test]
fn words_in_known_letters_are_the_browsers_punycode() {
    let letters: Vec<char> = (0xc0..=0x17e)
        .chain(0x3ac..=0x3ce)
        .chain(0x391..=0x3a1)
        .chain(0x400..=0x45f)
        .chain(0x48a..=0x4bf)
        .filter(|n| !matches!(n, 0x130 | 0x132 | 0x133 | 0x13f | 0x140 | 0x149))
        .filter_map(char::from_u32)
        .chain("abcxyz019-_".chars().cycle().take(60))
        .collect();
    let mut rng = Rng(0x1d2a_0013_5eed_7777);
    let mut tally = Tally::default();
    let mut strict = Vec::new();
    for _ in 0..1500 {
        let labels: Vec<String> = (0..1 + rng.below(3))
            .map(|_| {
                let longest = [3, 10, 40][rng.below(3)];
                let len = 1 + rng.below(longest);
                (0..len)
                    .map(|_| letters[rng.below(letters.len())])
                    .collect()
            })
            .collect();
        let s = format!("https://{}/p", labels.join("."));
        tally.check("", &s);
        if let Ok(Some(url)) = browser("", &s) {
            let punycode = format!("https://{}/p", url.host());
            tally.check("", &punycode);
            for s in [&s, &punycode] {
                if resolve_model("", s).is_none() {
                    strict.push(format!("{s:?} refused, browser {}", url.href()));
                }
            }
        }
    }
    tally.mismatches.extend(strict);
    tally.finish("words in hosts");
}

/// A small deterministic generator (xorshift64*), so a failure can be
/// reproduced and the strings need no file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() >> 33) as usize % n
    }

    fn pick<'a>(&mut self, pieces: &[&'a str]) -> &'a str {
        pieces[self.below(pieces.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const JUNK: &[&str] = &[
    "", "", "", " ", "\t", "\n", "\r\n", "\u{0}", "\u{1f}", "\u{7}", "\u{a0}", "\u{feff}", "\u{7f}",
];
const SCHEMES: &[&str] = &[
    "http",
    "https",
    "HTTP",
    "hTtPs",
    "HtTp",
    "https",
    "http",
    "javascript",
    "JaVaScRiPt",
    "java\tscript",
    "java\nscript",
    "jav&#x09;ascript",
    "data",
    "vbscript",
    "file",
    "ftp",
    "ws",
    "blob",
    "h\ttps",
    "ht tp",
    "https+x",
    "1http",
    "",
];
const COLONS: &[&str] = &[":", ":", ":", ":", "", "&#58;", "%3a", "::"];
const SLASHES: &[&str] = &[
    "//", "//", "//", "", "/", "///", "\\", "\\\\", "/\\", "\\/", "////", "\t//", "/\n/",
];
const USERINFO: &[&str] = &[
    "", "", "", "", "", "", "", "", "user@", "u:p@", "@", ":@", "a@b@", "a%40b@",
];
const HOSTS: &[&str] = &[
    "news.example",
    "news.example",
    "x.example",
    "NEWS.Example",
    "x.example.",
    "h",
    "0x7f.1",
    "127.0.0.1",
    "1.2.3",
    "256.1",
    "foo.09",
    "09",
    "0x",
    "1.2.3.4.5",
    "4294967295",
    "0x100000000",
    "00000000001",
    "xn--bcher-kva.de",
    "XN--80AKHBYKNJ4F.xn--p1ai",
    "xn--a.de",
    "bücher.de",
    "БÜCHER.de",
    "новости.рф",
    "ΣΑΣ.gr",
    "żółw.pl",
    "例え.jp",
    "ex%41mple.com",
    "%C3%BC.de",
    "a%2eb",
    "a%zz",
    "a*b",
    "a!b",
    "a_b",
    "a-b",
    "-a-",
    "[::1]",
    "[1:2::3]",
    "",
    "a..b",
    ".",
    "a b",
    "a\tb",
    "a\\b",
    "a%00b",
    "a|b",
    "a^b",
    "\u{0}",
];
const PORTS: &[&str] = &[
    "",
    "",
    "",
    "",
    "",
    ":",
    ":80",
    ":443",
    ":0443",
    ":8080",
    ":65535",
    ":65536",
    ":1a",
    ": 1",
    ":00000000080",
    ":99999999999999999999",
];
const SEGMENTS: &[&str] = &[
    "a",
    "story",
    "A",
    "en",
    ".",
    "..",
    "%2e",
    "%2E%2e",
    ".%2e",
    "%2e.",
    "...",
    "a b",
    "é",
    "😀",
    "%41",
    "%zz",
    "%",
    "%2f",
    "x?",
    "\"<>",
    "`{}^",
    "|",
    "'",
    ";=,",
    "~!$&()*+@:",
    "[]",
    "\u{7f}",
    "\u{1}",
    "a\\b",
    "",
    "index.html",
    "\u{fffd}",
    "\u{10ffff}",
];
const QUERIES: &[&str] = &[
    "",
    "",
    "",
    "?",
    "?a=b",
    "?a=b&c=d",
    "?a b'\"<>`{}|^",
    "?é😀",
    "?%zz%41",
    "?/../.",
    "?\\x",
    "??",
    "?\u{1}\u{7f}",
];
const FRAGMENTS: &[&str] = &[
    "",
    "",
    "",
    "#",
    "#f",
    "#a b'\"<>`{}|^",
    "#é#x",
    "#%zz",
    "#?x",
    "#\u{1}\u{7f}",
    "#\\/..",
];

/// One made-up link: absolute, protocol-relative or relative, with a little
/// of everything a feed or an attacker might write.
fn generated(rng: &mut Rng) -> String {
    let mut s = String::new();
    s.push_str(rng.pick(JUNK));
    match rng.below(4) {
        0 | 1 => {
            s.push_str(rng.pick(SCHEMES));
            s.push_str(rng.pick(COLONS));
            s.push_str(rng.pick(SLASHES));
            s.push_str(rng.pick(USERINFO));
            s.push_str(rng.pick(HOSTS));
            s.push_str(rng.pick(PORTS));
        }
        2 => {
            s.push_str(rng.pick(SLASHES));
            if rng.chance(50) {
                s.push_str(rng.pick(HOSTS));
            }
        }
        _ => {}
    }
    for _ in 0..rng.below(5) {
        if !s.is_empty() || rng.chance(50) {
            s.push_str(if rng.chance(80) { "/" } else { "\\" });
        }
        s.push_str(rng.pick(SEGMENTS));
    }
    s.push_str(rng.pick(QUERIES));
    s.push_str(rng.pick(FRAGMENTS));
    if rng.chance(15) {
        // A tab, newline or space somewhere inside.
        let at = s
            .char_indices()
            .map(|(i, _)| i)
            .nth(rng.below(s.chars().count().max(1)))
            .unwrap_or(s.len());
        s.insert_str(at, rng.pick(&["\t", "\n", "\r", " ", "\u{0}"]));
    }
    s.push_str(rng.pick(JUNK));
    s
}

#[wasm_bindgen_test]
fn generated_strings_read_as_the_browser_reads_them() {
    let mut rng = Rng(0x5eed_1234_abcd_0013);
    let mut tally = Tally::default();
    for _ in 0..4000 {
        let s = generated(&mut rng);
        tally.check_all_bases(&s);
    }
    tally.finish("generated");
}
