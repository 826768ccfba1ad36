//! URL safety and resolution for links that come from a feed.
//!
//! Only `http:` and `https:` may ever reach an `href` or `src`. A link is read
//! the way the WHATWG URL Standard reads it (every browser's `new URL`), so
//! the link we keep is the one the reader's browser would follow, and a
//! disguise aimed at a looser reader (`java\tscript:`, `https:\\evil.example`)
//! gets the browser's answer, not ours. It runs natively, so it is tested
//! without a browser; `tests/url_whatwg.rs` checks it against Chromium's own
//! parser on thousands of strings.
//!
//! In the browser the reading is the browser's own `URL`, which costs the
//! bundle nothing (6 KB of wasm less than the model below). Natively, and
//! for tests, a model of it in Rust stands in; `tests/url_whatwg.rs` checks
//! the model against Chromium, and the two agree except where the model
//! answers `None` as documented here.
//!
//! Where the Standard would take the model more code than a feed link is
//! worth, or where Chromium and the Standard disagree, its answer is `None`,
//! never a guess: IPv6 literals, hosts with letters outside Latin, Greek and
//! Cyrillic (no IDNA tables here), and a raw `|` in a path (Chromium escapes
//! it, the Standard keeps it). A link with user info (`https://bank@evil`)
//! is refused in both: it is how a link disguises its host.

const HTTP: &str = "http";
const HTTPS: &str = "https";
/// Special schemes (http, https) read a backslash as a slash.
const SLASHES: [char; 2] = ['/', '\\'];
/// The Standard's percent-encode sets, beyond the C0 controls and non-ASCII
/// that every set holds. `'` is in the query set for special schemes only,
/// and `^` joined the path set in 2024 (Chromium has it too).
const FRAGMENT_SET: &[u8] = b" \"<>`";
const QUERY_SET: &[u8] = b" \"#<>'";
const PATH_SET: &[u8] = b" \"#<>?`{}^";

/// Resolves `reference` against `base` and returns an absolute `http(s)` URL
/// in the browser's canonical form, or `None` for any other scheme, a link
/// the browser would refuse, an unusable base, or an empty reference.
pub fn resolve(base: &str, reference: &str) -> Option<String> {
    resolve_with(parse, base, reference)
}

/// [`resolve`] by the Rust model, wherever it runs: what
/// `tests/url_whatwg.rs` checks against the browser.
#[doc(hidden)]
pub fn resolve_model(base: &str, reference: &str) -> Option<String> {
    resolve_with(model, base, reference)
}

type Parse = fn(&str, Option<&Url>) -> Option<Url>;

/// Reads a scrubbed URL against an optional base: the browser's `URL` in
/// the browser, the model elsewhere.
fn parse(input: &str, base: Option<&Url>) -> Option<Url> {
    #[cfg(target_arch = "wasm32")]
    return browser(input, base);
    #[cfg(not(target_arch = "wasm32"))]
    model(input, base)
}

fn resolve_with(parse: Parse, base: &str, reference: &str) -> Option<String> {
    if is_clean_absolute(reference) {
        return Some(reference.to_owned());
    }
    let reference = scrub(reference);
    // The browser reads an empty link as the base itself; for a story that
    // would be the feed document, so it is no link at all.
    if reference.is_empty() {
        return None;
    }
    let base = parse(&scrub(base), None);
    parse(&reference, base.as_ref()).map(|url| url.href())
}

/// Whether `s` is an absolute `http(s)` URL: one that needs no base.
pub fn is_http(s: &str) -> bool {
    is_clean_absolute(s) || parse(&scrub(s), None).is_some()
}

/// Adds the `key=value` pairs of `extra` (a query string such as
/// `utm_source=partner&utm_medium=widget`) to `url`'s query, before any
/// fragment. A key the link already has keeps the link's value: we tag
/// links, we never rewrite what the publisher put there.
pub fn merge_query(url: &str, extra: &str) -> String {
    // Checked splits throughout: `split_at` brings core's slicing panic, and
    // with it char's `Debug` and Unicode's printable tables, into the bundle.
    let (base, fragment) = url
        .split_at_checked(url.find('#').unwrap_or(url.len()))
        .unwrap_or((url, ""));
    let existing = base.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let has = |key: &str| {
        existing
            .split('&')
            .any(|pair| pair.split('=').next() == Some(key))
    };
    let mut out = base.to_owned();
    let mut added: Vec<&str> = Vec::new();
    for pair in extra.trim_start_matches('?').split('&') {
        let key = pair.split('=').next().unwrap_or_default();
        if key.is_empty() || has(key) || added.contains(&key) {
            continue;
        }
        let separator = match (out.contains('?'), out.ends_with(['?', '&'])) {
            (false, _) => "?",
            (true, true) => "",
            (true, false) => "&",
        };
        out.push_str(separator);
        out.push_str(pair);
        added.push(key);
    }
    out.push_str(fragment);
    out
}

/// Nearly every feed link is already an absolute http(s) URL in canonical
/// form; those are kept as they are. This says yes only when parsing could
/// change nothing: lower-case scheme and host, no port, user info or
/// number-like host, a path with no dot segment, and no character the
/// browser would escape. Anything else takes the careful path.
fn is_clean_absolute(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    let Some(slash) = rest.find('/') else {
        return false;
    };
    let Some((host, tail)) = rest.split_at_checked(slash) else {
        return false;
    };
    if host.is_empty()
        || !host.bytes().all(host_byte)
        || host.split('.').any(|label| label.starts_with("xn--"))
        || ends_in_number(host)
    {
        return false;
    }
    // One pass over the bytes, as a match on ranges: asked of every link of
    // a feed, and iterator adaptors built at opt-level "z" cost microseconds each.
    let tail = tail.as_bytes();
    let mut segment = 0;
    let mut in_path = true;
    for (i, &b) in tail.iter().enumerate() {
        // Printable ASCII but " ' < > \ ^ ` { | }, which the browser escapes.
        if !matches!(b, b'!' | b'#'..=b'&' | b'('..=b';' | b'=' | b'?'..=b'[' | b']' | b'_' | b'a'..=b'~')
            || matches!(b, b'{'..=b'}')
        {
            return false;
        }
        if in_path && matches!(b, b'/' | b'?' | b'#') {
            if dots(tail.get(segment..i).unwrap_or_default()) != 0 {
                return false;
            }
            segment = i + 1;
            in_path = b == b'/';
        }
    }
    !in_path || dots(tail.get(segment..).unwrap_or_default()) == 0
}

/// `normalize`'s key for a URL already in canonical form, as its two
/// pieces, cut out without parsing: the URL before any query, without
/// trailing slashes, and the query.
fn key_of_canonical(url: &str) -> (&str, Option<&str>) {
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let (page, query) = match url.split_once('?') {
        Some((page, query)) => (page, Some(query)),
        None => (url, None),
    };
    (page.trim_end_matches('/'), query)
}

/// One page's URL, ready to be compared with many candidates (every item of
/// a feed).
pub struct SamePage {
    normalized: String,
}

impl SamePage {
    pub fn new(url: &str) -> SamePage {
        SamePage {
            normalized: normalize(url),
        }
    }

    /// Whether `link`, a URL as [`resolve`] returns it (every feed link
    /// is), is this page. Compared in place: asked of every story in a feed.
    pub fn matches(&self, link: &str) -> bool {
        let (page, query) = key_of_canonical(link);
        match (self.normalized.strip_prefix(page), query) {
            (Some(rest), None) => rest.is_empty(),
            (Some(rest), Some(query)) => rest.strip_prefix('?') == Some(query),
            (None, _) => false,
        }
    }
}

/// A comparison key: the canonical URL without its fragment and without
/// trailing slashes on the path. Two URLs of one page compare equal.
pub fn normalize(url: &str) -> String {
    if is_clean_absolute(url) {
        let (page, query) = key_of_canonical(url);
        return match query {
            Some(query) => [page, "?", query].concat(),
            None => page.to_owned(),
        };
    }
    let url = scrub(url);
    let Some(parts) = parse(&url, None) else {
        return url.trim_end_matches('/').to_owned();
    };
    let mut key = [
        parts.scheme,
        "://",
        &parts.authority,
        parts.path.trim_end_matches('/'),
    ]
    .concat();
    if let Some(query) = &parts.query {
        key.push('?');
        key.push_str(query);
    }
    key
}

/// What the WHATWG URL parser strips before parsing: leading and trailing C0
/// controls and spaces, and every tab or newline inside. Doing the same here
/// means `java\tscript:` or ` javascript:` cannot slip past the scheme check.
fn scrub(s: &str) -> String {
    s.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// A parsed http(s) URL, each piece already canonical.
struct Url {
    scheme: &'static str,
    /// The host, then `:port` unless the port is the scheme's default.
    authority: String,
    /// Never empty: a special URL's path starts with `/`.
    path: String,
    /// Without the `?`; `Some("")` for a bare `?`, which the browser keeps.
    query: Option<String>,
    fragment: Option<String>,
}

impl Url {
    fn href(&self) -> String {
        let mut href = [self.scheme, "://", &self.authority, &self.path].concat();
        for (mark, piece) in [('?', &self.query), ('#', &self.fragment)] {
            if let Some(piece) = piece {
                href.push(mark);
                href.push_str(piece);
            }
        }
        href
    }
}

/// The browser's reading of a scrubbed URL, as the model's pieces.
#[cfg(target_arch = "wasm32")]
fn browser(input: &str, base: Option<&Url>) -> Option<Url> {
    let url = match base {
        Some(base) => web_sys::Url::new_with_base(input, &base.href()),
        None => web_sys::Url::new(input),
    }
    .ok()?;
    let scheme = match url.protocol().as_str() {
        "http:" => HTTP,
        "https:" => HTTPS,
        _ => return None,
    };
    if !url.username().is_empty() || !url.password().is_empty() {
        return None;
    }
    // `search` and `hash` are empty for a bare `?` or `#` too, which the
    // href keeps.
    let href = url.href();
    let before_hash = href.split('#').next().unwrap_or_default();
    let piece = |text: String, bare: bool| match text.get(1..) {
        Some(rest) if !rest.is_empty() => Some(rest.to_owned()),
        _ => bare.then(String::new),
    };
    Some(Url {
        scheme,
        authority: url.host(),
        path: url.pathname(),
        query: piece(url.search(), before_hash.ends_with('?')),
        fragment: piece(url.hash(), href.ends_with('#')),
    })
}

/// The model: the Standard's basic URL parser for special schemes, on
/// scrubbed input. In an http(s) URL the first `#` always starts the
/// fragment and the first `?` before it the query, so those are cut off first.
fn model(input: &str, base: Option<&Url>) -> Option<Url> {
    let (input, fragment) = cut(input, '#', FRAGMENT_SET);
    let (input, query) = cut(input, '?', QUERY_SET);
    let Some((scheme, rest)) = split_scheme(input) else {
        return relative(base?, input, query, fragment);
    };
    let scheme = [HTTP, HTTPS]
        .into_iter()
        .find(|known| scheme.eq_ignore_ascii_case(known))?;
    match base {
        // `https:story` beside an https base is a path on the base's host...
        Some(base) if base.scheme == scheme => relative(base, rest, query, fragment),
        // ...and elsewhere `https:host`, `https:/host` and `https:\\\host` all
        // mean `https://host`: any slashes before the authority are skipped.
        _ => authority_and_path(scheme, rest.trim_start_matches(SLASHES), query, fragment),
    }
}

/// Splits `s` at the first `mark`; what follows is percent-encoded with `set`.
fn cut<'s>(s: &'s str, mark: char, set: &[u8]) -> (&'s str, Option<String>) {
    match s.split_once(mark) {
        Some((before, after)) => {
            let mut encoded = String::with_capacity(after.len());
            percent_encode(&mut encoded, after, set);
            (before, Some(encoded))
        }
        None => (s, None),
    }
}

/// Splits `scheme:rest` when the text before the first `:` is a valid scheme.
fn split_scheme(s: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = s.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// A reference read against `base`: `//host...`, `/path`, `path`, or nothing
/// before the query or fragment.
fn relative(
    base: &Url,
    rest: &str,
    mut query: Option<String>,
    fragment: Option<String>,
) -> Option<Url> {
    let mut path = String::new();
    if let Some(after) = rest.strip_prefix(SLASHES) {
        if after.starts_with(SLASHES) {
            let after = after.trim_start_matches(SLASHES);
            return authority_and_path(base.scheme, after, query, fragment);
        }
        push_path(&mut path, after)?;
    } else if rest.is_empty() {
        // `?q` keeps the base's path, `#f` its path and query.
        path.clone_from(&base.path);
        query = query.or_else(|| base.query.clone());
    } else {
        path.clone_from(&base.path);
        shorten(&mut path);
        push_path(&mut path, rest)?;
    }
    Some(Url {
        scheme: base.scheme,
        authority: base.authority.clone(),
        path,
        query,
        fragment,
    })
}

fn authority_and_path(
    scheme: &'static str,
    s: &str,
    query: Option<String>,
    fragment: Option<String>,
) -> Option<Url> {
    let (authority, path_text) = s.split_at_checked(s.find(SLASHES).unwrap_or(s.len()))?;
    let authority = authority_of(scheme, authority)?;
    let mut path = String::new();
    push_path(&mut path, path_text.get(1..).unwrap_or_default())?;
    Some(Url {
        scheme,
        authority,
        path,
        query,
        fragment,
    })
}

/// `host[:port]` made canonical: default port dropped, leading zeros gone.
fn authority_of(scheme: &str, authority: &str) -> Option<String> {
    // User info is valid, but no feed link needs it and it is the classic
    // disguise (`https://bank.example@evil.example/`).
    if authority.contains('@') {
        return None;
    }
    let (host, port) = authority.split_once(':').unwrap_or((authority, ""));
    let mut out = host_of(host)?;
    if !port.is_empty() {
        let port = port.bytes().try_fold(0u32, |n, b| {
            b.is_ascii_digit()
                .then(|| n.saturating_mul(10).saturating_add(u32::from(b - b'0')))
        })?;
        let default = if scheme == HTTPS { 443 } else { 80 };
        if port > 65535 {
            return None;
        }
        if port != default {
            out.push(':');
            push_decimal(&mut out, port.into());
        }
    }
    Some(out)
}

/// The Standard's host parser for special schemes: percent-decode, domain to
/// ASCII, then a number-like host is an IPv4 address or nothing.
fn host_of(raw: &str) -> Option<String> {
    let text = String::from_utf8(percent_decode(raw)).ok()?;
    let host = domain_to_ascii(&text)?;
    // The Standard allows a few more ASCII symbols in a host; Chromium
    // escapes some of them (`*`), so they get no answer here.
    if host.is_empty() || !host.bytes().all(host_byte) {
        return None;
    }
    if ends_in_number(&host) {
        ipv4(&host)
    } else {
        Some(host)
    }
}

fn host_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'_')
}

/// Appends `text`'s segments to `path`, resolving `.` and `..` (also written
/// `%2e`) the Standard's way: a dot segment at the end leaves a trailing slash.
fn push_path(path: &mut String, text: &str) -> Option<()> {
    let mut segments = text.split(SLASHES).peekable();
    while let Some(segment) = segments.next() {
        let last = segments.peek().is_none();
        match dots(segment.as_bytes()) {
            0 => {
                path.push('/');
                percent_encode(path, segment, PATH_SET);
            }
            n => {
                if n == 2 {
                    shorten(path);
                }
                if last {
                    path.push('/');
                }
            }
        }
    }
    // Chromium escapes `|` in a path and the Standard keeps it: no answer
    // would match every browser, unless a `..` took it away.
    (!path.contains('|')).then_some(())
}

/// 1 for a single-dot segment, 2 for a double-dot one, else 0.
fn dots(segment: &[u8]) -> usize {
    let mut rest = segment;
    let mut n = 0;
    while let Some(tail) = match rest {
        [b'.', tail @ ..] => Some(tail),
        [b'%', b'2', b'e' | b'E', tail @ ..] => Some(tail),
        _ => None,
    } {
        rest = tail;
        n += 1;
    }
    if rest.is_empty() && n <= 2 {
        n
    } else {
        0
    }
}

/// Drops the path's last segment.
fn shorten(path: &mut String) {
    if let Some(i) = path.bytes().rposition(|b| b == b'/') {
        path.truncate(i);
    }
}

/// Escapes C0 controls, DEL, non-ASCII (as UTF-8) and the bytes of `set`.
/// An existing `%` escape, valid or not, is kept as written, as browsers do.
fn percent_encode(out: &mut String, s: &str, set: &[u8]) {
    for c in s.chars() {
        if (' '..='~').contains(&c) && !set.contains(&(c as u8)) {
            out.push(c);
        } else {
            for b in c.encode_utf8(&mut [0; 4]).bytes() {
                out.push('%');
                out.push(hex_digit(b >> 4));
                out.push(hex_digit(b & 15));
            }
        }
    }
}

fn hex_digit(n: u8) -> char {
    char::from(if n < 10 { b'0' + n } else { b'A' + n - 10 })
}

fn percent_decode(s: &str) -> Vec<u8> {
    let hex = |b: &u8| char::from(*b).to_digit(16);
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s.as_bytes();
    while let [b, tail @ ..] = rest {
        rest = tail;
        if let (b'%', [high, low, after @ ..]) = (b, tail) {
            if let (Some(high), Some(low)) = (hex(high), hex(low)) {
                out.push((high * 16 + low) as u8);
                rest = after;
                continue;
            }
        }
        out.push(*b);
    }
    out
}

/// The Standard's "ends in a number": such a host must be an IPv4 address.
fn ends_in_number(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    let start = host
        .bytes()
        .rposition(|b| b == b'.')
        .map_or(0, |dot| dot + 1);
    let last = host.get(start..).unwrap_or_default();
    (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit())) || ipv4_number(last).is_some()
}

/// One part of an IPv4 address: decimal, `0x` hex or `0` octal.
fn ipv4_number(s: &str) -> Option<u64> {
    let (digits, radix) = match s.as_bytes() {
        [] => return None,
        [b'0', b'x' | b'X', ..] => (s.get(2..)?, 16),
        [b'0', _, ..] => (s.get(1..)?, 8),
        _ => (s, 10),
    };
    digits.chars().try_fold(0u64, |n, c| {
        Some(
            n.saturating_mul(radix.into())
                .saturating_add(c.to_digit(radix)?.into()),
        )
    })
}

/// `0x7f.1` is `127.0.0.1`: one to four numbers, the last filling the
/// bytes the others leave.
fn ipv4(host: &str) -> Option<String> {
    let parts = host.strip_suffix('.').unwrap_or(host);
    let count = parts.split('.').count();
    if count > 4 {
        return None;
    }
    let mut address = 0;
    for (i, part) in parts.split('.').enumerate() {
        let n = ipv4_number(part)?;
        // Each part is a byte, the last one all the bytes left.
        let (bits, shift) = if i + 1 == count {
            (32 - 8 * i, 0)
        } else {
            (8, 24 - 8 * i)
        };
        if n >> bits > 0 {
            return None;
        }
        address |= n << shift;
    }
    let mut out = String::with_capacity(15);
    for shift in [24, 16, 8, 0] {
        push_decimal(&mut out, (address >> shift) & 255);
        if shift > 0 {
            out.push('.');
        }
    }
    Some(out)
}

/// `n` in decimal, without the formatting machinery (it adds a kilobyte).
fn push_decimal(out: &mut String, n: u64) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// UTS #46 as the Standard runs it, for the letters this module knows: each
/// label is mapped (lower-cased), and one with non-ASCII letters becomes
/// `xn--` and its Punycode. An `xn--` label is kept only when it is the
/// Punycode of letters we know, lower-case: Chromium keeps any `xn--` label
/// as written, the Standard refuses an invalid one, so only those two agree.
fn domain_to_ascii(domain: &str) -> Option<String> {
    let mut out = String::with_capacity(domain.len());
    let mut label = Vec::new();
    for (i, raw) in domain.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        label.clear();
        for c in raw.chars() {
            label.push(idna_map(c)?);
        }
        let start = out.len();
        if label.iter().all(char::is_ascii) {
            out.extend(&label);
            if let Some(code) = out.get(start..).and_then(|l| l.strip_prefix("xn--")) {
                let letters = punycode_decode(code)?;
                let valid = letters.iter().any(|c| !c.is_ascii())
                    && letters.iter().all(|&c| idna_map(c) == Some(c));
                let mut again = String::new();
                punycode_encode(&mut again, &letters)?;
                if !valid || again != code {
                    return None;
                }
            }
        } else {
            if label.starts_with(&['x', 'n', '-', '-']) {
                return None;
            }
            out.push_str("xn--");
            punycode_encode(&mut out, &label)?;
        }
    }
    Some(out)
}

/// UTS #46's mapping for ASCII, Latin-1, Latin Extended-A, Greek and
/// Cyrillic (with the extensions of its Turkic and Caucasian alphabets):
/// upper case to lower case. `None` for any other letter, and for those few
/// here that map to more than one letter (`İ`, `ĳ`, `ŀ`, `ŉ`, `ſ`).
fn idna_map(c: char) -> Option<char> {
    let n = u32::from(c);
    let lower = match n {
        0..=0x7f => return Some(c.to_ascii_lowercase()),
        0xc0..=0xd6 | 0xd8..=0xde => n + 0x20,
        0xd7 | 0xdf..=0xff => n,
        0x130 | 0x132 | 0x133 | 0x13f | 0x140 | 0x149 | 0x17f => return None,
        0x178 => 0xff,
        // Pairs, upper case first: at even code points, then odd ones from
        // U+0139 to U+0148 and from U+0179 on.
        0x100..=0x17e => {
            let even_upper = n <= 0x137 || (0x14a..=0x177).contains(&n);
            if (n % 2 == 0) == even_upper {
                n + 1
            } else {
                n
            }
        }
        0x386 => 0x3ac,
        0x388..=0x38a => n + 0x25,
        0x38c => 0x3cc,
        0x38e | 0x38f => n + 0x3f,
        0x391..=0x3a1 | 0x3a3..=0x3ab => n + 0x20,
        0x390 | 0x3ac..=0x3ce => n,
        0x400..=0x40f => n + 0x50,
        0x410..=0x42f => n + 0x20,
        0x430..=0x45f => n,
        0x48a..=0x4bf => n | 1,
        _ => return None,
    };
    char::from_u32(lower)
}

// Punycode (RFC 3492) with its fixed parameters.
fn punycode_encode(out: &mut String, label: &[char]) -> Option<()> {
    let start = out.len();
    out.extend(label.iter().filter(|c| c.is_ascii()));
    let basic = u32::try_from(out.len() - start).ok()?;
    let total = u32::try_from(label.len()).ok()?;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias, mut done) = (128u32, 0u32, 72, basic);
    while done < total {
        let next = label
            .iter()
            .map(|&c| u32::from(c))
            .filter(|&c| c >= n)
            .min()?;
        delta = delta.checked_add((next - n).checked_mul(done + 1)?)?;
        n = next;
        for &c in label {
            let c = u32::from(c);
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = 36;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    out.push(punycode_digit(t + (q - t) % (36 - t)));
                    q = (q - t) / (36 - t);
                    k += 36;
                }
                out.push(punycode_digit(q));
                bias = adapt(delta, done + 1, done == basic);
                delta = 0;
                done += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(())
}

/// Only ever checked by encoding the result again, so it need not refuse
/// every malformed input itself.
fn punycode_decode(code: &str) -> Option<Vec<char>> {
    let (basic, digits) = match code.bytes().rposition(|b| b == b'-') {
        Some(i) => (code.get(..i)?, code.get(i + 1..)?),
        None => ("", code),
    };
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72);
    let mut digits = digits.bytes().peekable();
    while digits.peek().is_some() {
        let old = i;
        let mut weight = 1u32;
        let mut k = 36;
        loop {
            let digit = match digits.next()? {
                b @ b'a'..=b'z' => u32::from(b - b'a'),
                b @ b'0'..=b'9' => u32::from(b - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let t = threshold(k, bias);
            if digit < t {
                break;
            }
            weight = weight.checked_mul(36 - t)?;
            k += 36;
        }
        let len = u32::try_from(out.len()).ok()? + 1;
        bias = adapt(i - old, len, old == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        out.insert(usize::try_from(i).ok()?, char::from_u32(n)?);
        i += 1;
    }
    Some(out)
}

fn threshold(k: u32, bias: u32) -> u32 {
    k.saturating_sub(bias).clamp(1, 26)
}

fn punycode_digit(d: u32) -> char {
    let d = d as u8;
    char::from(if d < 26 { b'a' + d } else { b'0' + d - 26 })
}

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > 455 {
        delta /= 35;
        k += 36;
    }
    k + 36 * delta / (delta + 38)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://news.example/en/feed.json";

    fn r(reference: &str) -> Option<String> {
        resolve(BASE, reference)
    }

    #[test]
    fn keeps_absolute_http_urls() {
        assert_eq!(
            resolve(BASE, "https://a.example/x?y=1#z").as_deref(),
            Some("https://a.example/x?y=1#z")
        );
        // The host is lower-cased like the scheme (it once kept its case,
        // which the browser does not).
        assert_eq!(
            resolve(BASE, "HTTP://A.example/").as_deref(),
            Some("http://a.example/")
        );
    }

    #[test]
    fn resolves_relative_forms_against_the_base() {
        assert_eq!(
            resolve(BASE, "/a/b").as_deref(),
            Some("https://news.example/a/b")
        );
        assert_eq!(
            resolve(BASE, "story/").as_deref(),
            Some("https://news.example/en/story/")
        );
        assert_eq!(
            resolve(BASE, "../ru/x").as_deref(),
            Some("https://news.example/ru/x")
        );
        assert_eq!(
            resolve(BASE, "//cdn.example/i.png").as_deref(),
            Some("https://cdn.example/i.png")
        );
        assert_eq!(
            resolve(BASE, "?page=2").as_deref(),
            Some("https://news.example/en/feed.json?page=2")
        );
        assert_eq!(
            resolve("https://h.example", "x").as_deref(),
            Some("https://h.example/x")
        );
        assert_eq!(
            resolve("http://h.example/a/b/", "./c").as_deref(),
            Some("http://h.example/a/b/c")
        );
    }

    #[test]
    fn relative_forms_keep_what_the_standard_keeps_of_the_base() {
        let base = "http://x.example/a/b?q#f";
        assert_eq!(
            resolve(base, "#top").as_deref(),
            Some("http://x.example/a/b?q#top")
        );
        assert_eq!(resolve(base, "?").as_deref(), Some("http://x.example/a/b?"));
        assert_eq!(resolve(base, "c").as_deref(), Some("http://x.example/a/c"));
        assert_eq!(
            resolve(base, "../../../../c").as_deref(),
            Some("http://x.example/c")
        );
        assert_eq!(
            resolve(base, "a/./b/../../..").as_deref(),
            Some("http://x.example/")
        );
    }

    #[test]
    fn a_special_scheme_needs_no_slashes_before_its_host() {
        for link in [
            "https:/host/path",
            "https:host/path",
            "https:\\\\host/path",
            "https:\\host\\path",
            "https:////host//path",
        ] {
            let want = if link.contains("//path") {
                "https://host//path"
            } else {
                "https://host/path"
            };
            assert_eq!(resolve("", link).as_deref(), Some(want), "{link:?}");
            // Beside a base of another scheme, too.
            assert_eq!(
                resolve("http://x.example/", link).as_deref(),
                Some(want),
                "{link:?}"
            );
        }
        assert_eq!(
            r("http:evil.example").as_deref(),
            Some("http://evil.example/")
        );
        // Beside a base of the same scheme it is a path on the base's host.
        assert_eq!(
            r("https:host/path").as_deref(),
            Some("https://news.example/en/host/path")
        );
        assert_eq!(
            r("https:/host/path").as_deref(),
            Some("https://news.example/host/path")
        );
        assert_eq!(r("https:\\\\host").as_deref(), Some("https://host/"));
    }

    #[test]
    fn backslashes_are_slashes() {
        assert_eq!(
            r("https://h.example\\a\\b").as_deref(),
            Some("https://h.example/a/b")
        );
        assert_eq!(
            r("\\\\cdn.example\\i.png").as_deref(),
            Some("https://cdn.example/i.png")
        );
        assert_eq!(r("\\x").as_deref(), Some("https://news.example/x"));
        // Not in the query or fragment.
        assert_eq!(
            r("https://h.example/?a\\b#c\\d").as_deref(),
            Some("https://h.example/?a\\b#c\\d")
        );
    }

    #[test]
    fn tabs_and_newlines_go_and_controls_at_the_ends_are_trimmed() {
        assert_eq!(
            r("ht\ttps://h.exa\nmple/a\r\nb").as_deref(),
            Some("https://h.example/ab")
        );
        assert_eq!(
            r("\u{0}\u{1f} https://h.example/x \u{7}\n").as_deref(),
            Some("https://h.example/x")
        );
        // No-break space is not trimmed: this is a relative path.
        assert_eq!(
            r("\u{a0}https://h.example/").as_deref(),
            Some("https://news.example/en/%C2%A0https://h.example/")
        );
    }

    #[test]
    fn percent_encodes_the_standards_sets() {
        assert_eq!(
            r("https://h.example/a b\"<>`{}^'?a b'\"<>`{}|^#a b'\"<>`{}|^").as_deref(),
            Some(concat!(
                "https://h.example/a%20b%22%3C%3E%60%7B%7D%5E'",
                "?a%20b%27%22%3C%3E`{}|^",
                "#a%20b'%22%3C%3E%60{}|^"
            ))
        );
        assert_eq!(
            r("https://h.example/é/😀?é#é\u{1}\u{7f}").as_deref(),
            Some("https://h.example/%C3%A9/%F0%9F%98%80?%C3%A9#%C3%A9%01%7F")
        );
        // Escapes are kept as written, valid or not.
        assert_eq!(
            r("https://h.example/%41%7e%zz%/?%zz").as_deref(),
            Some("https://h.example/%41%7e%zz%/?%zz")
        );
        assert_eq!(
            r("https://h.example/;=,!$&()*+~@:[]").as_deref(),
            Some("https://h.example/;=,!$&()*+~@:[]")
        );
    }

    #[test]
    fn renders_the_canonical_form() {
        assert_eq!(
            r("HTTPS://News.Example:443").as_deref(),
            Some("https://news.example/")
        );
        assert_eq!(
            r("http://h.example:80/").as_deref(),
            Some("http://h.example/")
        );
        assert_eq!(
            r("http://h.example:0080/").as_deref(),
            Some("http://h.example/")
        );
        assert_eq!(
            r("https://h.example:80/").as_deref(),
            Some("https://h.example:80/")
        );
        assert_eq!(
            r("http://h.example:08080/").as_deref(),
            Some("http://h.example:8080/")
        );
        assert_eq!(
            r("http://h.example:/").as_deref(),
            Some("http://h.example/")
        );
        assert_eq!(
            r("http://h.example?x").as_deref(),
            Some("http://h.example/?x")
        );
        assert_eq!(
            r("https://h.example/a/%2e%2E/b/./c/..").as_deref(),
            Some("https://h.example/b/")
        );
        assert_eq!(
            r("https://h.example/a/.../.%2e/x").as_deref(),
            Some("https://h.example/a/x")
        );
        assert_eq!(
            r("https://ex%41mple.com/").as_deref(),
            Some("https://example.com/")
        );
    }

    #[test]
    fn number_like_hosts_are_ipv4_addresses_or_nothing() {
        for (link, want) in [
            ("http://0x7f.1/", Some("http://127.0.0.1/")),
            ("http://127.1/", Some("http://127.0.0.1/")),
            ("http://1.2.3/", Some("http://1.2.0.3/")),
            ("http://1.256/", Some("http://1.0.1.0/")),
            ("http://017.0.0.1/", Some("http://15.0.0.1/")),
            ("http://4294967295/", Some("http://255.255.255.255/")),
            ("http://0x/", Some("http://0.0.0.0/")),
            ("http://1.2.3.4./", Some("http://1.2.3.4/")),
            ("http://%30x7f.1/", Some("http://127.0.0.1/")),
            ("http://a.0xg/", Some("http://a.0xg/")),
            ("http://1.2.3.4../", Some("http://1.2.3.4../")),
            ("http://4294967296/", None),
            ("http://0x100000000/", None),
            ("http://256.1/", None),
            ("http://1.2.3.4.5/", None),
            ("http://foo.09/", None),
            ("http://08/", None),
            ("http://a.0x/", None),
            ("http://999999999999999999999999/", None),
        ] {
            assert_eq!(r(link).as_deref(), want, "{link}");
        }
    }

    #[test]
    fn hosts_in_latin_greek_and_cyrillic_letters_become_punycode() {
        for (link, want) in [
            ("http://bücher.de/", "http://xn--bcher-kva.de/"),
            ("http://BÜCHER.de/", "http://xn--bcher-kva.de/"),
            ("http://%C3%BC.de/", "http://xn--tda.de/"),
            ("http://straße.de/", "http://xn--strae-oqa.de/"),
            ("http://żółw.pl/", "http://xn--w-uga1v8h.pl/"),
            ("http://ΣΑΣ.gr/", "http://xn--mxa9ab.gr/"),
            ("http://новости.рф/", "http://xn--b1amnebsh.xn--p1ai/"),
            ("http://НОВОСТИ.РФ/", "http://xn--b1amnebsh.xn--p1ai/"),
            ("http://xn--bcher-kva.de/", "http://xn--bcher-kva.de/"),
            ("http://XN--BCHER-KVA.de/", "http://xn--bcher-kva.de/"),
        ] {
            assert_eq!(r(link).as_deref(), Some(want), "{link}");
        }
        // Other scripts, letters that map to several, broken or ASCII-only
        // Punycode, and a Unicode label posing as Punycode get no answer.
        for link in [
            "http://例え.jp/",
            "http://İ.de/",
            "http://ĳ.de/",
            "http://a\u{ad}b/",
            "http://xn--a/",
            "http://xn--abc-/",
            "http://xn--.de/",
            "http://xn--ls8h.la/",
            "http://xn--ü.de/",
            "http://ü.1/",
            "http://a%FFb/",
        ] {
            assert_eq!(r(link), None, "{link}");
        }
    }

    #[test]
    fn punycode_round_trips() {
        for (letters, code) in [
            ("bücher", "bcher-kva"),
            ("новости", "b1amnebsh"),
            ("żółw", "w-uga1v8h"),
        ] {
            let letters: Vec<char> = letters.chars().collect();
            let mut encoded = String::new();
            assert_eq!(punycode_encode(&mut encoded, &letters), Some(()));
            assert_eq!(encoded, code);
            assert_eq!(punycode_decode(code), Some(letters));
        }
    }

    #[test]
    fn refuses_what_it_does_not_read_like_every_browser() {
        for link in [
            "http://user@h.example/",
            "http://bank.example@evil.example/",
            "http://@h.example/",
            "http://[::1]/",
            "http://h.example/a|b",
            "http://a*b/",
            "http://a!b/",
            "http://h.example:65536/",
            "http://h.example:1a/",
            "http://:80/",
            "http://a%00b/",
            "http://a b/",
        ] {
            assert_eq!(r(link), None, "{link}");
        }
        // A `|` the path no longer holds is no trouble.
        assert_eq!(
            r("http://h.example/a|b/../c").as_deref(),
            Some("http://h.example/c")
        );
        assert_eq!(
            r("http://h.example/?a|b#c|d").as_deref(),
            Some("http://h.example/?a|b#c|d")
        );
    }

    #[test]
    fn refuses_every_other_scheme_however_disguised() {
        for evil in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "\u{0}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\r\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "mailto:a@b.c",
            "blob:https://h.example/x",
            "about:blank",
            "ftp://h.example/",
            "//javascript:alert(1)",
            "\\\\javascript:alert(1)",
            "https://javascript:alert(1)",
            "http://",
            "http:",
            "",
            "   ",
            "\t\n",
        ] {
            assert_eq!(resolve(BASE, evil), None, "{evil:?}");
        }
    }

    #[test]
    fn entity_encoded_schemes_stay_harmless_relative_paths() {
        // We never decode entities in URLs, so this is a path on the feed's
        // host, and the `#` starts its fragment, as in the browser.
        let r = resolve(BASE, "javascript&#58;alert(1)");
        assert_eq!(
            r.as_deref(),
            Some("https://news.example/en/javascript&#58;alert(1)")
        );
        assert_eq!(
            resolve(BASE, "javascript%3Aalert(1)").as_deref(),
            Some("https://news.example/en/javascript%3Aalert(1)")
        );
    }

    #[test]
    fn relative_reference_needs_a_usable_base() {
        assert_eq!(resolve("not a url", "/x"), None);
        assert_eq!(resolve("javascript:x", "/x"), None);
        assert_eq!(
            resolve("", "https://ok.example/"),
            Some("https://ok.example/".into())
        );
    }

    #[test]
    fn normalizes_for_comparison() {
        let a = normalize("HTTPS://News.Example:443/en/story/#comments");
        assert_eq!(a, "https://news.example/en/story");
        assert_eq!(normalize("https://news.example/en/story"), a);
        assert_eq!(
            normalize("https://news.example/"),
            normalize("https://news.example")
        );
        assert_ne!(
            normalize("https://news.example/a?x=1"),
            normalize("https://news.example/a?x=2")
        );
        assert_eq!(normalize("https://news.example/en/./story/../story/"), a);
        assert_eq!(normalize("https:news.example\\en\\story"), a);
    }

    #[test]
    fn merges_tracking_parameters_without_duplicates() {
        let utm = "utm_source=partner&utm_medium=widget";
        assert_eq!(
            merge_query("https://x.example/a", utm),
            "https://x.example/a?utm_source=partner&utm_medium=widget"
        );
        assert_eq!(
            merge_query("https://x.example/a?id=3#top", utm),
            "https://x.example/a?id=3&utm_source=partner&utm_medium=widget#top"
        );
        assert_eq!(
            merge_query("https://x.example/a?utm_source=newsletter", utm),
            "https://x.example/a?utm_source=newsletter&utm_medium=widget"
        );
        assert_eq!(
            merge_query("https://x.example/a?", "?a=1&a=2&&b"),
            "https://x.example/a?a=1&b"
        );
        assert_eq!(
            merge_query("https://x.example/a", ""),
            "https://x.example/a"
        );
    }

    #[test]
    fn same_page_agrees_with_normalize() {
        let page = SamePage::new("https://news.example/en/story/");
        let article = normalize("https://news.example/en/story/");
        for (candidate, same) in [
            ("https://news.example/en/story", true),
            ("HTTPS://NEWS.example:443/en/story/#c", true),
            ("https://news.example/en/./story/", true),
            ("https://news.example\\en\\story", true),
            ("https://news.example/en/story?x=1", false),
            ("https://other.example/en/story", false),
            ("https://news.example/en/other", false),
            ("http://news.example/en/story", false),
        ] {
            let link = resolve("https://news.example/", candidate).unwrap_or_default();
            assert_eq!(page.matches(&link), same, "{candidate}");
            assert_eq!(normalize(candidate) == article, same, "{candidate}");
        }
        // A query whose value holds a slash, and a path with a trailing one.
        let page = SamePage::new("https://news.example/a?next=/b");
        assert!(page.matches("https://news.example/a/?next=/b"));
        assert!(!page.matches("https://news.example/b?next=/b"));
    }

    #[test]
    fn clean_absolute_urls_take_the_fast_path_unchanged() {
        assert!(is_clean_absolute("https://news.example/a?b=c#d"));
        for slow in [
            "https://news.example/a b",
            "https://x/../y",
            "https://x/%2e/y",
            "HTTPS://x/",
            "https://X/",
            "https://",
            "https:///x",
            "https://x",
            "https://x?y",
            "https://x:443/",
            "https://u@x/",
            "https://0x7f.1/",
            "https://1.2.3.4/",
            "https://xn--a/",
            "https://x/a|b",
            "https://x/?a'b",
            "javascript:x",
            "https://x\\y",
        ] {
            assert!(!is_clean_absolute(slow), "{slow}");
        }
    }

    #[test]
    fn is_http_matches_only_absolute_web_urls() {
        assert!(is_http("https://x.example/"));
        assert!(is_http("HTTPS:x.example"));
        assert!(!is_http("doc://Brunow/documentation"));
        assert!(!is_http("/relative"));
        assert!(!is_http("javascript:alert(1)"));
    }
}
