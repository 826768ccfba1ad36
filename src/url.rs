//! URL safety and resolution for links that come from a feed.
//!
//! Only `http:` and `https:` may ever reach an `href` or `src`. Resolution follows
//! RFC 3986 for the cases feeds use (absolute, protocol-relative, root-relative,
//! path-relative, query- and fragment-only) so it runs natively in tests; the
//! browser's own URL parser is not needed for something this small.

/// Resolves `reference` against `base` and returns an absolute `http(s)` URL,
/// or `None` for any other scheme, an unusable base, or an empty reference.
pub fn resolve(base: &str, reference: &str) -> Option<String> {
    if is_clean_absolute(reference) {
        return Some(reference.to_owned());
    }
    let reference = scrub(reference);
    if reference.is_empty() {
        return None;
    }
    if let Some((scheme, rest)) = split_scheme(&reference) {
        // An absolute URL: its own scheme decides, whatever the base.
        return http_url(&scheme, rest);
    }
    let base = Parts::parse(&scrub(base))?;
    let resolved = if let Some(rest) = reference.strip_prefix("//") {
        [&base.scheme, "://", rest].concat()
    } else if reference.starts_with('/') {
        [&base.scheme, "://", &base.authority, &reference].concat()
    } else if reference.starts_with('?') {
        [&base.scheme, "://", &base.authority, &base.path, &reference].concat()
    } else if reference.starts_with('#') {
        [
            &base.scheme,
            "://",
            &base.authority,
            &base.path,
            &base.query,
            &reference,
        ]
        .concat()
    } else {
        let dir = base
            .path
            .rfind('/')
            .and_then(|i| base.path.get(..=i))
            .unwrap_or("/");
        [&base.scheme, "://", &base.authority, dir, &reference].concat()
    };
    let (scheme, rest) = split_scheme(&resolved)?;
    http_url(&scheme, rest)
}

/// Whether `s` is already an absolute `http(s)` URL.
pub fn is_http(s: &str) -> bool {
    if is_clean_absolute(s) {
        return true;
    }
    split_scheme(&scrub(s)).is_some_and(|(scheme, _)| scheme == "http" || scheme == "https")
}

/// Adds the `key=value` pairs of `extra` (a query string such as
/// `utm_source=partner&utm_medium=widget`) to `url`'s query, before any
/// fragment. A key the link already has keeps the link's value: we tag
/// links, we never rewrite what the publisher put there.
pub fn merge_query(url: &str, extra: &str) -> String {
    let (base, fragment) = url.split_at(url.find('#').unwrap_or(url.len()));
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

/// Nearly every feed link is already a plain absolute http(s) URL; those need
/// no rebuilding. Anything unusual takes the careful path.
fn is_clean_absolute(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        host_end > 0
            && !rest.contains("/.")
            && rest
                .bytes()
                .all(|b| b > b' ' && b != b'\\' && b != b'<' && b != b'>' && b != b'"' && b != 0x7f)
    })
}

/// One page's URL, ready to be compared with many candidates (every item of
/// a feed). The common "no" is cheap: path and query must match byte for byte
/// before anything is normalized.
pub struct SamePage {
    normalized: String,
    tail: String,
}

impl SamePage {
    pub fn new(url: &str) -> SamePage {
        let normalized = normalize(url);
        SamePage {
            tail: tail(&normalized).to_owned(),
            normalized,
        }
    }

    pub fn matches(&self, candidate: &str) -> bool {
        // Asked of every story in a feed: most differ in how their path
        // ends, which is cheap to see. Dot segments alone can hide a match.
        let bare = candidate
            .split('#')
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        let quick_no = !bare.ends_with(self.tail.as_str()) && !candidate.contains("/.");
        !quick_no && normalize(candidate) == self.normalized
    }
}

/// Path and query, without fragment or trailing slashes.
fn tail(url: &str) -> &str {
    let url = url.split('#').next().unwrap_or_default();
    let after_scheme = url
        .find("://")
        .and_then(|i| url.get(i + 3..))
        .unwrap_or(url);
    let path_at = after_scheme.find(['/', '?']).unwrap_or(after_scheme.len());
    after_scheme
        .get(path_at..)
        .unwrap_or_default()
        .trim_end_matches('/')
}

/// A comparison key: scheme and host lower-cased, default port, fragment and
/// trailing slash dropped, dot segments removed. Two URLs of one page compare equal.
pub fn normalize(url: &str) -> String {
    let url = scrub(url);
    let Some(parts) = Parts::parse(&url) else {
        return url.trim_end_matches('/').to_owned();
    };
    let host = parts.authority.to_ascii_lowercase();
    let host = match parts.scheme.as_str() {
        "http" => host.strip_suffix(":80").unwrap_or(&host).to_owned(),
        "https" => host.strip_suffix(":443").unwrap_or(&host).to_owned(),
        _ => host,
    };
    let path = parts.path.trim_end_matches('/');
    [&parts.scheme, "://", &host, path, &parts.query].concat()
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

/// Splits `scheme:rest` when the text before the first `:` is a valid scheme.
fn split_scheme(s: &str) -> Option<(String, &str)> {
    let colon = s.find(':')?;
    let scheme = s.get(..colon)?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| {
        (
            scheme.to_ascii_lowercase(),
            s.get(colon + 1..).unwrap_or_default(),
        )
    })
}

/// Rebuilds an http(s) URL with a lower-case scheme and dot segments removed;
/// anything else, or one without a host, is refused.
fn http_url(scheme: &str, rest: &str) -> Option<String> {
    if scheme != "http" && scheme != "https" {
        return None;
    }
    // Browsers read `http:\\host` and `http:host` loosely; we accept only `//host`.
    let rest = rest.strip_prefix("//")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    if authority.is_empty() || authority.contains(['\\', ' ', '<', '>', '"']) {
        return None;
    }
    let tail = rest.get(end..).unwrap_or_default();
    let (path, suffix) = tail.split_at(tail.find(['?', '#']).unwrap_or(tail.len()));
    Some([scheme, "://", authority, &remove_dot_segments(path), suffix].concat())
}

fn remove_dot_segments(path: &str) -> String {
    if !path.contains("/.") {
        return path.to_owned();
    }
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    let mut trailing_slash = false;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => trailing_slash = i == last,
            ".." => {
                out.pop();
                trailing_slash = i == last;
            }
            s => {
                out.push(s);
                trailing_slash = false;
            }
        }
    }
    let mut joined = String::with_capacity(path.len());
    for seg in &out {
        joined.push('/');
        joined.push_str(seg);
    }
    if trailing_slash || joined.is_empty() {
        joined.push('/');
    }
    joined
}

/// An absolute http(s) URL cut into the pieces resolution needs.
struct Parts {
    scheme: String,
    authority: String,
    path: String,
    query: String,
}

impl Parts {
    fn parse(url: &str) -> Option<Parts> {
        let (scheme, rest) = split_scheme(url)?;
        let normal = http_url(&scheme, rest)?;
        let after = normal.get(scheme.len() + 3..)?;
        let end = after.find(['/', '?', '#']).unwrap_or(after.len());
        let authority = after.get(..end)?.to_owned();
        let tail = after.get(end..).unwrap_or_default();
        let tail = tail.split('#').next().unwrap_or_default();
        let (path, query) = tail.split_at(tail.find('?').unwrap_or(tail.len()));
        let path = if path.is_empty() { "/" } else { path };
        Some(Parts {
            scheme,
            authority,
            path: path.to_owned(),
            query: query.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://news.example/en/feed.json";

    #[test]
    fn keeps_absolute_http_urls() {
        assert_eq!(
            resolve(BASE, "https://a.example/x?y=1#z").as_deref(),
            Some("https://a.example/x?y=1#z")
        );
        assert_eq!(
            resolve(BASE, "HTTP://A.example/").as_deref(),
            Some("http://A.example/")
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
    fn refuses_every_other_scheme_however_disguised() {
        for evil in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "mailto:a@b.c",
            "http:evil.example",
            "https:\\\\evil.example",
            "http://",
            "",
            "   ",
        ] {
            assert_eq!(resolve(BASE, evil), None, "{evil:?}");
        }
    }

    #[test]
    fn entity_encoded_schemes_stay_harmless_relative_paths() {
        // We never decode entities in URLs, so this is a path on the feed's host.
        let r = resolve(BASE, "javascript&#58;alert(1)");
        assert_eq!(
            r.as_deref(),
            Some("https://news.example/en/javascript&#58;alert(1)")
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
            ("https://news.example/en/story?x=1", false),
            ("https://other.example/en/story", false),
            ("https://news.example/en/other", false),
            ("http://news.example/en/story", false),
        ] {
            assert_eq!(page.matches(candidate), same, "{candidate}");
            assert_eq!(normalize(candidate) == article, same, "{candidate}");
        }
    }

    #[test]
    fn clean_absolute_urls_take_the_fast_path_unchanged() {
        assert!(is_clean_absolute("https://news.example/a?b=c#d"));
        for slow in [
            "https://news.example/a b",
            "https://x/../y",
            "HTTPS://x/",
            "https://",
            "https:///x",
            "javascript:x",
            "https://x\\y",
        ] {
            assert!(!is_clean_absolute(slow), "{slow}");
        }
    }

    #[test]
    fn is_http_matches_only_absolute_web_urls() {
        assert!(is_http("https://x.example/"));
        assert!(!is_http("doc://Brunow/documentation"));
        assert!(!is_http("/relative"));
    }
}
