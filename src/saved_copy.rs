//! The last good copy of each feed, kept for the reader's session so a
//! network failure can still show stories (stale-while-error).
//!
//! Only the format lives here (pure, tested natively); the browser's
//! `sessionStorage` holds the entries. An entry is `v1`, the time it was
//! saved (ms since the epoch) and the feed text, one per line.

/// How long a saved copy may stand in for the network.
pub const MAX_AGE_MS: f64 = 12.0 * 60.0 * 60.0 * 1000.0;
/// sessionStorage is about 5 MB per origin and shared with the host page:
/// larger feeds are not kept.
pub const MAX_KEPT_BYTES: usize = 512 * 1024;

const VERSION: &str = "v1";

/// The storage key for a feed URL.
pub fn key(url: &str) -> String {
    ["related-stories:", VERSION, ":", url].concat()
}

/// The entry to store, or `None` when the feed is too large to keep.
pub fn pack(saved_ms: f64, text: &str) -> Option<String> {
    (text.len() <= MAX_KEPT_BYTES).then(|| {
        // Sized once: a feed is copied whole, never regrown on the way.
        let stamp = crate::text::decimal(saved_ms.max(0.0).round() as u64);
        let mut entry = String::with_capacity(VERSION.len() + stamp.len() + text.len() + 2);
        for part in [VERSION, "\n", &stamp, "\n", text] {
            entry.push_str(part);
        }
        entry
    })
}

/// The feed text of an entry and its age in ms, if it is well formed and
/// young enough; anything else (another version, a damaged header, a copy
/// from the future or too old) is ignored.
pub fn unpack(entry: &str, now_ms: f64) -> Option<(&str, f64)> {
    let mut parts = entry.splitn(3, '\n');
    if parts.next()? != VERSION {
        return None;
    }
    // Whole milliseconds: integers spare the bundle float parsing.
    let saved = parts.next()?.parse::<u64>().ok()? as f64;
    let text = parts.next()?;
    let age = now_ms - saved;
    (saved.is_finite() && (0.0..=MAX_AGE_MS).contains(&age)).then_some((text, age))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_764_331_200_000.0;

    #[test]
    fn round_trips_a_feed() {
        let e = pack(NOW - 60_000.0, "{\"items\":[]}\nsecond line");
        assert!(e.is_some(), "small enough to keep");
        let e = e.unwrap_or_default();
        assert_eq!(
            unpack(&e, NOW),
            Some(("{\"items\":[]}\nsecond line", 60_000.0))
        );
        assert_eq!(
            key("https://x.example/f.json"),
            "related-stories:v1:https://x.example/f.json"
        );
    }

    #[test]
    fn old_future_or_damaged_entries_are_ignored() {
        let e = pack(NOW, "{}").unwrap_or_default();
        assert_eq!(
            unpack(&e, NOW),
            Some(("{}", 0.0)),
            "a good entry reads back"
        );
        assert_eq!(unpack(&e, NOW + MAX_AGE_MS + 1.0), None, "too old");
        assert_eq!(unpack(&e, NOW - 1.0), None, "from the future");
        for damaged in [
            "",
            "v1",
            "v1\n",
            "v1\nsoon\n{}",
            "v0\n1\n{}",
            "garbage",
            "v1\nNaN\n{}",
            "v1\ninf\n{}",
        ] {
            assert_eq!(unpack(damaged, NOW), None, "{damaged:?}");
        }
    }

    #[test]
    fn large_feeds_are_not_kept() {
        assert!(pack(NOW, &"x".repeat(MAX_KEPT_BYTES)).is_some());
        assert_eq!(pack(NOW, &"x".repeat(MAX_KEPT_BYTES + 1)), None);
    }
}
