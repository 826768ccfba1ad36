//! Dates as feeds really write them, turned into milliseconds since the epoch.
//!
//! JSON Feed asks for RFC 3339, but real feeds send date-only values, times
//! without seconds or zone, and RFC 822 strings. We parse those here (pure, so
//! tested natively) and leave formatting to the browser's `Intl`.

/// How a date reads to someone looking at it `now`: relative while recent,
/// a calendar date after that. The wording itself comes from the browser's
/// `Intl.RelativeTimeFormat` / `DateTimeFormat` in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    JustNow,
    MinutesAgo(u32),
    HoursAgo(u32),
    Yesterday,
    /// Older (or too far in the future to be a clock difference).
    Date,
}

const MINUTE: f64 = 60_000.0;
const HOUR: f64 = 60.0 * MINUTE;

pub fn age(date_ms: f64, now_ms: f64) -> Age {
    let ago = now_ms - date_ms;
    // Publishers' clocks run a little ahead; a few minutes "from now" is now.
    if ago < -5.0 * MINUTE {
        return Age::Date;
    }
    if ago < MINUTE {
        Age::JustNow
    } else if ago < HOUR {
        Age::MinutesAgo((ago / MINUTE) as u32)
    } else if ago < 24.0 * HOUR {
        Age::HoursAgo((ago / HOUR) as u32)
    } else if ago < 48.0 * HOUR {
        Age::Yesterday
    } else {
        Age::Date
    }
}

/// Parses RFC 3339 and its common sloppy forms, or RFC 822; a missing zone is UTC.
pub fn parse(s: &str) -> Option<f64> {
    let s = s.trim();
    let first = s.chars().next()?;
    if first.is_ascii_digit() && s.get(4..5) == Some("-") {
        parse_rfc3339(s)
    } else {
        parse_rfc822(s)
    }
}

fn parse_rfc3339(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let year = num(b, 0, 4)?;
    let month = num(b, 5, 2)?;
    let day = num(b, 8, 2)?;
    if b.get(7) != Some(&b'-') {
        return None;
    }
    let (mut hour, mut min, mut sec, mut millis) = (0, 0, 0, 0.0);
    let mut rest = s.get(10..)?;
    if let Some(time) = rest.strip_prefix(['T', 't', ' ']) {
        let t = time.as_bytes();
        hour = num(t, 0, 2)?;
        if t.get(2) != Some(&b':') {
            return None;
        }
        min = num(t, 3, 2)?;
        rest = time.get(5..)?;
        if let Some(after) = rest.strip_prefix(':') {
            sec = num(after.as_bytes(), 0, 2)?;
            rest = after.get(2..)?;
            if let Some(frac) = rest.strip_prefix(['.', ',']) {
                let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 {
                    return None;
                }
                // Milliseconds are the first three digits; integers keep this
                // exact and spare the bundle float parsing.
                millis = frac
                    .get(..digits)?
                    .bytes()
                    .chain(std::iter::repeat(b'0'))
                    .take(3)
                    .try_fold(0.0, |ms, b| {
                        b.is_ascii_digit().then(|| ms * 10.0 + f64::from(b - b'0'))
                    })?;
                rest = frac.get(digits..)?;
            }
        }
    }
    let offset = parse_offset(rest.trim())?;
    civil_to_ms(year, month, day, hour, min, sec, millis, offset)
}

/// `Fri, 31 May 2019 12:17:58 -0700`, weekday optional, seconds optional.
fn parse_rfc822(s: &str) -> Option<f64> {
    let s = match s.find(',') {
        Some(i) => s.get(i + 1..)?,
        None => s,
    };
    let mut parts = s.split_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year_str = parts.next()?;
    let mut year: i64 = year_str.parse().ok()?;
    if year_str.len() == 2 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    let (mut hour, mut min, mut sec) = (0, 0, 0);
    let mut offset = 0;
    if let Some(time) = parts.next() {
        let mut hms = time.split(':');
        hour = hms.next()?.parse().ok()?;
        min = hms.next()?.parse().ok()?;
        if let Some(s) = hms.next() {
            sec = s.parse().ok()?;
        }
        if let Some(zone) = parts.next() {
            offset = parse_offset(zone)?;
        }
    }
    civil_to_ms(year, month, day, hour, min, sec, 0.0, offset)
}

/// Offset east of UTC in minutes; empty means UTC.
fn parse_offset(z: &str) -> Option<i64> {
    match z {
        "" | "Z" | "z" | "UT" | "UTC" | "GMT" => return Some(0),
        "EST" => return Some(-5 * 60),
        "EDT" => return Some(-4 * 60),
        "CST" => return Some(-6 * 60),
        "CDT" => return Some(-5 * 60),
        "MST" => return Some(-7 * 60),
        "MDT" => return Some(-6 * 60),
        "PST" => return Some(-8 * 60),
        "PDT" => return Some(-7 * 60),
        _ => {}
    }
    let sign = match z.get(..1)? {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    let digits: String = z.get(1..)?.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i64 = digits.get(..2)?.parse().ok()?;
    let m: i64 = digits.get(2..)?.parse().ok()?;
    Some(sign * (h * 60 + m))
}

fn month_number(name: &str) -> Option<i64> {
    let lower = name.get(..3)?.to_ascii_lowercase();
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == lower)?;
    Some(i as i64 + 1)
}

fn num(b: &[u8], at: usize, len: usize) -> Option<i64> {
    let digits = b.get(at..at + len)?;
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
}

#[allow(clippy::too_many_arguments)]
fn civil_to_ms(
    y: i64,
    mo: i64,
    d: i64,
    h: i64,
    mi: i64,
    s: i64,
    ms: f64,
    offset_min: i64,
) -> Option<f64> {
    let valid = (1..=12).contains(&mo)
        && (1..=days_in_month(y, mo)).contains(&d)
        && (0..=23).contains(&h)
        && (0..=59).contains(&mi)
        && (0..=60).contains(&s);
    if !valid {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    let secs = days * 86_400 + h * 3600 + mi * 60 + s - offset_min * 60;
    Some(secs as f64 * 1000.0 + ms)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(s: &str) -> f64 {
        let parsed = parse(s);
        assert!(parsed.is_some(), "{s} should parse");
        parsed.unwrap_or(f64::NAN)
    }

    #[test]
    fn rfc3339_and_its_variants() {
        assert_eq!(ms("1970-01-01T00:00:00Z"), 0.0);
        assert_eq!(ms("2019-10-12T07:20:50.52Z"), 1_570_864_850_520.0);
        assert_eq!(ms("2023-12-15T09:30:00+03:00"), ms("2023-12-15T06:30:00Z"));
        assert_eq!(ms("2023-12-15T09:30:00+0300"), ms("2023-12-15T06:30:00Z"));
        assert_eq!(ms("2018-01-06T08:00"), ms("2018-01-06T08:00:00Z"));
        assert_eq!(ms("2019-12-07"), ms("2019-12-07T00:00:00Z"));
        assert_eq!(ms("2023-11-01 10:00:00"), ms("2023-11-01T10:00:00Z"));
        assert_eq!(
            ms("2020-02-29T12:00:00.123456+01:00"),
            ms("2020-02-29T11:00:00.123Z")
        );
    }

    #[test]
    fn rfc822() {
        assert_eq!(
            ms("Fri, 31 May 2019 12:17:58 -0700"),
            ms("2019-05-31T19:17:58Z")
        );
        assert_eq!(
            ms("Sat, 07 Jan 2023 00:00:00 -0600"),
            ms("2023-01-07T06:00:00Z")
        );
        assert_eq!(ms("7 Jan 2023 10:00 GMT"), ms("2023-01-07T10:00:00Z"));
        assert_eq!(
            ms("Mon, 02 Jan 06 15:04:05 PST"),
            ms("2006-01-02T23:04:05Z")
        );
    }

    #[test]
    fn ages_at_their_boundaries() {
        let now = ms("2026-11-28T12:00:00Z");
        let at = |s: &str| age(ms(s), now);
        assert_eq!(at("2026-11-28T12:00:00Z"), Age::JustNow);
        assert_eq!(at("2026-11-28T11:59:00.001Z"), Age::JustNow);
        assert_eq!(at("2026-11-28T11:59:00Z"), Age::MinutesAgo(1));
        assert_eq!(at("2026-11-28T11:00:00.001Z"), Age::MinutesAgo(59));
        assert_eq!(at("2026-11-28T11:00:00Z"), Age::HoursAgo(1));
        assert_eq!(at("2026-11-28T09:00:00Z"), Age::HoursAgo(3));
        assert_eq!(at("2026-11-27T12:00:00.001Z"), Age::HoursAgo(23));
        assert_eq!(at("2026-11-27T12:00:00Z"), Age::Yesterday);
        assert_eq!(at("2026-11-26T12:00:00.001Z"), Age::Yesterday);
        assert_eq!(at("2026-11-26T12:00:00Z"), Age::Date);
        assert_eq!(at("2023-12-15T09:30:00+03:00"), Age::Date);
        // Slightly in the future: a clock difference. Far: just a date.
        assert_eq!(at("2026-11-28T12:04:00Z"), Age::JustNow);
        assert_eq!(at("2026-11-28T13:00:00Z"), Age::Date);
    }

    #[test]
    fn nonsense_is_none() {
        for bad in [
            "",
            "yesterday",
            "2023-13-01",
            "2023-02-30",
            "2023-01-01T25:00",
            "2023-1-1",
            "Fri, 99 Foo 2019",
            "2023-01-01T10:00+5",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
