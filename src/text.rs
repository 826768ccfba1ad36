//! Plain-text clean-up for strings that come from a feed.
//!
//! Feed titles are plain text by spec, yet real feeds put HTML entities in them
//! (`&amp;`, `&#8211;`). We decode entities into characters and never parse
//! markup: the result is only ever set as a text node, so `<script>` stays the
//! literal characters `<script>`.

/// Longest title we keep, in characters; a 100 KB "title" is an attack or a bug,
/// and CSS cannot wrap a layout back into shape after that.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest section label we keep, in characters.
pub const MAX_SECTION_CHARS: usize = 60;

/// `n` in decimal digits. Messages are built with this instead of
/// `format!`: core's formatting machinery is kilobytes the bundle need not carry.
pub fn decimal(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// The first `chars` characters of `s` (all of it when shorter).
pub fn prefix(s: &str, chars: usize) -> &str {
    // No more bytes than characters asked for: nothing to count.
    if s.len() <= chars {
        return s;
    }
    s.char_indices()
        .nth(chars)
        .map_or(s, |(i, _)| s.get(..i).unwrap_or(s))
}

/// About how long a headline made from an untitled item's text may be.
pub const MAX_HEADLINE_CHARS: usize = 110;

/// A headline for an item without a title, from its summary or content
/// text: the first sentence, cut at a word boundary to about
/// [`MAX_HEADLINE_CHARS`] with `…`. Entities are decoded and blank space
/// collapsed, as in [`clean`].
pub fn headline(raw: &str) -> String {
    // Read a little past the limit, so a cut can find its word boundary.
    let text = clean(raw, MAX_HEADLINE_CHARS * 2);
    let text = text.trim_end_matches('…');
    // The first sentence: up to a full stop, question or exclamation mark
    // followed by a space (so "3.5" and "e.g." inside a word stay whole).
    let mut end = text.len();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
            && chars.peek().is_none_or(|(_, next)| *next == ' ')
        {
            end = i + c.len_utf8();
            break;
        }
    }
    let sentence = text.get(..end).unwrap_or(text);
    if sentence.chars().count() <= MAX_HEADLINE_CHARS {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(MAX_HEADLINE_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        // Back to the last word boundary, unless that leaves too little.
        Some(i) if i > MAX_HEADLINE_CHARS / 2 => cut.get(..i).unwrap_or(&cut),
        _ => &cut,
    };
    [
        cut.trim_end_matches([' ', ',', ';', ':', '-', '–', '—']),
        "…",
    ]
    .concat()
}

/// The text of an HTML fragment or document: markup dropped (with the
/// contents of `head`, `script`, `style` and comments), entities left for
/// [`clean`] to decode. Never parsed as HTML, only read as characters.
pub fn html_text(html: &str) -> String {
    // A whole document's text starts in its body; a headline needs only
    // the first sentence of it, so a long one is read no further than this.
    let start = find_ignoring_ascii_case(html, "<body").unwrap_or(0);
    let html = html.get(start..).unwrap_or(html);
    let mut end = html.len().min(16 * 1024);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = String::with_capacity(end);
    let mut rest = html.get(..end).unwrap_or_default();
    while let Some(open) = rest.find('<') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let tag = rest.get(open..).unwrap_or_default();
        let past = |close: &str| find_ignoring_ascii_case(tag, close).map(|i| i + close.len());
        // Where the markup ends: a comment, an element whose contents are
        // not text, or one tag.
        let end = if tag.starts_with("<!--") {
            past("-->")
        } else if let Some(name) = ["head", "script", "style", "template"]
            .into_iter()
            .find(|name| starts_with_tag(tag, name))
        {
            past(&["</", name, ">"].concat())
        } else {
            tag.find('>').map(|i| i + 1)
        };
        // Unclosed markup ends the text.
        let Some(end) = end else { return out };
        // A paragraph or line break parts words; `<b>` inside one does not.
        if !is_inline(tag) {
            out.push(' ');
        }
        rest = tag.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Whether `tag` (from its `<`) opens or closes an element that runs
/// inside a line of text.
fn is_inline(tag: &str) -> bool {
    let rest = tag.trim_start_matches('<').trim_start_matches('/');
    let end = rest
        .find(['>', ' ', '/', '\t', '\n', '\r'])
        .unwrap_or(rest.len());
    let name = rest.get(..end).unwrap_or_default();
    [
        "a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong",
        "sub", "sup", "time", "u",
    ]
    .iter()
    .any(|inline| name.eq_ignore_ascii_case(inline))
}

/// Whether `tag` opens `<name` followed by `>`, a space or `/`, in any case.
fn starts_with_tag(tag: &str, name: &str) -> bool {
    tag.strip_prefix('<')
        .is_some_and(|rest| is_named(rest, name))
}

/// Whether `rest` (what follows `<` or `</`) starts with the element name `name`.
fn is_named(rest: &str, name: &str) -> bool {
    rest.get(..name.len())
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && rest
            .as_bytes()
            .get(name.len())
            .is_some_and(|b| matches!(b, b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r'))
}

fn find_ignoring_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    // Every needle starts with `<` or `-`: the first byte is found by
    // `memchr`, and only there is the rest compared.
    let first = char::from(*n.first()?);
    let mut from = 0;
    while let Some(i) = haystack.get(from..)?.find(first) {
        let at = from + i;
        if h.get(at..at + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Decodes HTML entities, drops control characters, collapses whitespace runs
/// to one space, trims, and cuts to `max_chars` (adding `…` when cut).
pub fn clean(raw: &str, max_chars: usize) -> String {
    if is_clean(raw, max_chars) {
        return raw.to_owned();
    }
    let decoded = decode_entities(raw);
    let mut out = String::with_capacity(decoded.len().min(max_chars.saturating_mul(4)));
    let mut count = 0usize;
    let mut pending_space = false;
    for c in decoded.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            count += 1;
            pending_space = false;
        }
        out.push(c);
        count += 1;
        if count > max_chars {
            let kept: String = out.chars().take(max_chars.saturating_sub(1)).collect();
            return [kept.trim_end(), "…"].concat();
        }
    }
    out
}

/// Most feed text needs no work: no entity, no control or invisible
/// character, single spaces only, not too long. One scan, one copy.
fn is_clean(s: &str, max_chars: usize) -> bool {
    let mut previous_space = true; // no leading space either
    let mut chars = 0usize;
    for c in s.chars() {
        let space = c == ' ';
        if (space && previous_space)
            || c == '&'
            || (!space && (c.is_whitespace() || c.is_control() || is_invisible_format(c)))
        {
            return false;
        }
        previous_space = space;
        chars += 1;
    }
    !previous_space && chars <= max_chars || s.is_empty()
}

/// Case-insensitive equality without allocating (sections are compared for
/// every item of a feed that may hold thousands).
pub fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars().map(fold_case).eq(b.chars().map(fold_case))
}

/// The lower case of a letter in the scripts section names are written in:
/// Latin (with Latin-1 and Extended-A, so Łacinka), Greek and Cyrillic. Other
/// scripts compare as written; most have no case. Hand-written because Rust's
/// full Unicode tables would add some 10 KB to the bundle for this one use.
pub fn fold_case(c: char) -> char {
    let u = u32::from(c);
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        0x130 => 0x69,
        0x100..=0x137 | 0x14A..=0x177 if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 0x3F,
        0x391..=0x3A1 | 0x3A3..=0x3AB => u + 0x20,
        0x3C2 => 0x3C3, // final sigma
        0x400..=0x40F => u + 0x50,
        0x410..=0x42F => u + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if u % 2 == 0 => u + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if u % 2 == 1 => u + 1,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// Bidi overrides and zero-width characters can reorder or hide text; a headline
/// has no use for them.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Decodes numeric entities and the named ones that occur in headlines.
/// Unknown or malformed entities are kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        // An entity name is short; bounding the search keeps this linear.
        let semi = after
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        match semi.and_then(|i| Some((entity(after.get(..i)?)?, i))) {
            Some((decoded, i)) => {
                out.push(decoded);
                rest = after.get(i + 1..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        // NUL and surrogates are not characters; keep the text as written.
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bdquo" => '„',
        "euro" => '€',
        "pound" => '£',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "middot" => '·',
        "times" => '×',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_writes_what_to_string_does() {
        for n in [0, 7, 10, 99, 100, 65_535, 1_764_331_200_000, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn decodes_named_and_numeric_entities() {
        assert_eq!(decode_entities("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(
            decode_entities("Blog &#8211; InfluxData"),
            "Blog – InfluxData"
        );
        assert_eq!(decode_entities("&#x41;&#X42;&#67;"), "ABC");
        assert_eq!(decode_entities("&lt;script&gt;"), "<script>");
    }

    #[test]
    fn keeps_unknown_or_broken_entities_as_text() {
        assert_eq!(decode_entities("AT&T"), "AT&T");
        assert_eq!(decode_entities("a &bogus; b"), "a &bogus; b");
        assert_eq!(
            decode_entities("&#0;&#xD800;&#99999999;"),
            "&#0;&#xD800;&#99999999;"
        );
        assert_eq!(decode_entities("trailing &"), "trailing &");
        assert_eq!(decode_entities("&&amp;"), "&&");
    }

    #[test]
    fn the_fast_path_agrees_with_the_slow_one() {
        for s in [
            "Plain title",
            "Łukašenka’s “quote”",
            "",
            " lead",
            "trail ",
            "two  spaces",
            "tab\there",
            "a &amp; b",
            "x\u{200B}y",
            "ten chars!",
            "eleven chars",
        ] {
            let fast = is_clean(s, 10);
            if fast {
                let decoded = decode_entities(s);
                assert_eq!(decoded, s, "{s:?}");
                assert!(s.chars().count() <= 10, "{s:?}");
            }
            // Whatever the path, the answer is the same as cleaning by hand.
            assert_eq!(
                clean(s, 300),
                s.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace("&amp;", "&")
                    .replace('\u{200B}', ""),
                "{s:?}"
            );
        }
        assert!(is_clean("Plain title", 300));
        assert!(!is_clean("two  spaces", 300));
    }

    #[test]
    fn compares_ignoring_case_in_any_script() {
        assert!(same_ignoring_case("Politics", "POLITICS"));
        assert!(same_ignoring_case("Гайд", "гайд"));
        assert!(same_ignoring_case("ŁUKAŠENKA", "łukašenka"));
        assert!(!same_ignoring_case("Politic", "Politics"));
    }

    #[test]
    fn markup_stays_text() {
        assert_eq!(
            clean("<img src=x onerror=alert(1)>", 300),
            "<img src=x onerror=alert(1)>"
        );
    }

    #[test]
    fn collapses_whitespace_and_drops_controls() {
        assert_eq!(clean("  Привет?\r\n  мир \t", 300), "Привет? мир");
        assert_eq!(clean("a\u{0}b\u{7}c\u{202E}d", 300), "abcd");
        assert_eq!(clean(" \n ", 300), "");
    }

    #[test]
    fn cuts_long_text_on_a_char_boundary() {
        let long = "Łukašenka ".repeat(100);
        let cut = clean(&long, 20);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= 21);
        assert_eq!(clean("short", 20), "short");
        assert_eq!(clean("exactly ten", 11), "exactly ten");
    }
    #[test]
    fn case_folding_agrees_with_unicode_for_latin_greek_and_cyrillic() {
        let ranges = [
            0x41..0x5B,
            0x61..0x7B,
            0xC0..0x180,
            0x386..0x3CF,
            0x400..0x530,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let mut unicode = c.to_lowercase();
            let (Some(lower), None) = (unicode.next(), unicode.next()) else {
                continue; // İ lowers to two characters; ours gives plain i
            };
            let expected = if lower == 'ς' { 'σ' } else { lower };
            assert_eq!(fold_case(c), expected, "U+{:04X} {c}", u32::from(c));
        }
        assert!(same_ignoring_case("Палітыка", "ПАЛІТЫКА"));
        assert!(same_ignoring_case("Łacinka Ŭ", "łACINKA ŭ"));
        assert!(!same_ignoring_case("Палітыка", "Палiтыка")); // Latin i is another letter
    }

    #[test]
    fn a_headline_is_the_first_sentence_cut_at_a_word() {
        assert_eq!(headline("Short post. And more."), "Short post.");
        assert_eq!(headline("Is it? Yes!"), "Is it?");
        // A full stop inside a word or number is no sentence's end.
        assert_eq!(
            headline("Version 3.5 is out, see e.g.the notes"),
            "Version 3.5 is out, see e.g.the notes"
        );
        assert_eq!(
            headline("  Tabs\tand\n lines &amp; entities  "),
            "Tabs and lines & entities"
        );
        let long = "word ".repeat(40);
        let cut = headline(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= MAX_HEADLINE_CHARS, "{cut}");
        // One long word has no boundary to go back to: cut inside it.
        let word = "x".repeat(300);
        assert_eq!(headline(&word).chars().count(), MAX_HEADLINE_CHARS);
        assert_eq!(headline(" \n "), "");
        assert_eq!(headline("Привет, мир! Дальше."), "Привет, мир!");
    }

    #[test]
    fn html_text_drops_markup_and_what_is_not_text() {
        assert_eq!(
            clean(&html_text("<p>Hello, <b>world</b>!</p><p>Next</p>"), 100),
            "Hello, world! Next"
        );
        let doc = "<!doctype html><HTML><Head><title>T</title><style>p{}</style></head>\
                   <body class=x><!-- nav --><script>alert(1)</script><p>Text &amp; more</p></body></html>";
        assert_eq!(clean(&html_text(doc), 100), "Text & more");
        // Escaped markup is text, decoded only when shown (still as text).
        assert_eq!(clean(&html_text("&lt;img src=x&gt;"), 100), "<img src=x>");
        // An unclosed tag or script ends the text; a lone `<` is dropped with it.
        assert_eq!(clean(&html_text("a <b"), 100), "a");
        assert_eq!(clean(&html_text("a <script>x"), 100), "a");
        assert_eq!(html_text("no markup"), "no markup");
        // `<headline>` is not `<head>`.
        assert_eq!(clean(&html_text("<headline>News</headline>"), 100), "News");
    }
}
