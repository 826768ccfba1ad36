//! `feed-check FEED [--article URL] [--sections "A, B"] [--limit N] [--locked show|hide|last] [--rank related|newest] [--untitled headline|skip] [--base URL] [--html [--lang en|be|ru] [--lock-label TEXT] [--utm QUERY]]`
//!
//! FEED is a file path or an http(s) URL. Prints what the widget would show,
//! in order, with lock badges; every item it would skip, and why; and what a
//! publisher should fix. With `--html`, prints only that selection as HTML
//! for the element's fallback content (see `html`). Exits 1 when the widget
//! would show nothing, 2 on a usage error.

mod html;

use std::process::ExitCode;

use related_stories::config::parse_sections;
use related_stories::feed::{self, Feed, Note};
use related_stories::i18n::Lang;
use related_stories::select::{self, LockedPolicy, Query, Rank};

struct Args {
    feed: String,
    base: Option<String>,
    query: Query,
    /// `--html`: the fallback markup instead of the report.
    html: bool,
    lang: Lang,
    lock_label: Option<String>,
    utm: Option<String>,
}

const USAGE: &str = "usage: feed-check FEED [--article URL] [--sections \"A, B\"] [--limit N] [--locked show|hide|last] [--rank related|newest] [--untitled headline|skip] [--base URL] [--html [--lang en|be|ru] [--lock-label TEXT] [--utm QUERY]]";

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("feed-check: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let is_url = args.feed.starts_with("http://") || args.feed.starts_with("https://");
    let text = if is_url {
        fetch(&args.feed)
    } else {
        std::fs::read_to_string(&args.feed).map_err(|e| e.to_string())
    };
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            println!("✗ {}: cannot be read ({e})", args.feed);
            return ExitCode::from(1);
        }
    };
    // Where the widget would have fetched it: relative links resolve against it.
    let base = args.base.clone().unwrap_or_else(|| {
        if is_url {
            args.feed.clone()
        } else {
            String::new()
        }
    });
    match feed::parse(&text, &base) {
        Ok(parsed) if args.html => fallback(&args, &parsed),
        Ok(parsed) => report(&args, &parsed),
        Err(e) if args.html => {
            // Nothing on stdout: a build step pastes stdout into the page.
            eprintln!("feed-check: {}: {e}", args.feed);
            ExitCode::from(1)
        }
        Err(e) => {
            println!("✗ {}: {e}\nThe widget would show its fallback.", args.feed);
            ExitCode::from(1)
        }
    }
}

fn fallback(args: &Args, parsed: &Feed) -> ExitCode {
    let shown = select::select(parsed, &args.query);
    let options = html::Fallback {
        lang: args.lang,
        lock_label: args.lock_label.as_deref().or(parsed.tier_label.as_deref()),
        utm: args.utm.as_deref(),
    };
    if shown.is_empty() {
        // Nothing on stdout: the page keeps whatever fallback it had.
        eprintln!("feed-check: {}: nothing to list", args.feed);
        return ExitCode::from(1);
    }
    print!("{}", html::render(&shown, &options));
    ExitCode::SUCCESS
}

fn report(args: &Args, parsed: &Feed) -> ExitCode {
    let shown = select::scored(parsed, &args.query);
    let label = parsed.tier_label.as_deref().unwrap_or("Subscribers only");
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1e3);
    println!(
        "{}: \"{}\", {} items readable, {} skipped",
        args.feed,
        parsed.title,
        parsed.items.len(),
        parsed.skipped.len()
    );
    let filter = match &args.query.sections {
        None => "the current article's own sections".to_owned(),
        Some(s) if s.is_empty() => "none".to_owned(),
        Some(s) => s.join(", "),
    };
    println!(
        "\nThe widget would show (sections: {filter}; limit {}):",
        args.query.limit
    );
    if shown.is_empty() {
        println!("  nothing: the widget hides itself");
    }
    for (i, scored) in shown.iter().enumerate() {
        let item = scored.item;
        let badge = if item.locked {
            format!("  [🔒 {label}]")
        } else {
            String::new()
        };
        let sections = if item.sections.is_empty() {
            String::new()
        } else {
            format!("[{}] ", item.sections.join(", "))
        };
        // Why it is here, in rank order: sections shared, closeness, age.
        let age = item.date.map_or_else(
            || "undated".to_owned(),
            |d| format!("{:.0} days old", ((now_ms - d) / 86_400_000.0).max(0.0)),
        );
        println!(
            "  {}. {sections}{}{badge}\n     {}\n     score: {} sections shared, text closeness {:.2}, {age}",
            i + 1,
            item.title,
            item.url,
            scored.shared,
            scored.closeness,
        );
    }
    if !parsed.skipped.is_empty() {
        println!("\nSkipped:");
        for skip in &parsed.skipped {
            println!("  item {}: {}", skip.index, skip.reason);
        }
    }
    let mut warnings: Vec<String> = parsed.notes.iter().map(Note::to_string).collect();
    warnings.extend(feed::duplicate_ids(parsed).iter().map(Note::to_string));
    if parsed.tier_label.is_some() && !parsed.items.iter().any(|i| i.locked) {
        warnings.push(format!("the feed names a tier (\"{label}\") but no item is locked with \"_om\": {{\"access\": \"locked\"}}"));
    }
    if !warnings.is_empty() {
        println!("\nWarnings:");
        for w in warnings {
            println!("  {w}");
        }
    }
    if shown.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn fetch(url: &str) -> Result<String, String> {
    let mut response = ureq::get(url).call().map_err(|e| e.to_string())?;
    response
        .body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut feed = None;
    let mut base = None;
    let (mut html, mut lang, mut lock_label, mut utm) = (false, Lang::En, None, None);
    let mut query = Query {
        limit: related_stories::config::DEFAULT_LIMIT,
        sections: None,
        ..Query::default()
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--article" => query.article = Some(value()?),
            "--sections" => query.sections = Some(parse_sections(&value()?)),
            "--limit" => {
                query.limit = value()?
                    .parse()
                    .map_err(|_| "--limit takes a whole number".to_owned())?
            }
            "--base" => base = Some(value()?),
            "--locked" => {
                query.locked = match value()?.as_str() {
                    "show" => LockedPolicy::Show,
                    "hide" => LockedPolicy::Hide,
                    "last" => LockedPolicy::Last,
                    other => {
                        return Err(format!("--locked takes show, hide or last, not {other:?}"))
                    }
                }
            }
            "--rank" => {
                query.rank = match value()?.as_str() {
                    "related" => Rank::Related,
                    "newest" => Rank::Newest,
                    other => return Err(format!("--rank takes related or newest, not {other:?}")),
                }
            }
            "--untitled" => {
                query.skip_untitled = match value()?.as_str() {
                    "headline" => false,
                    "skip" => true,
                    other => {
                        return Err(format!("--untitled takes headline or skip, not {other:?}"))
                    }
                }
            }
            "--html" => html = true,
            "--lang" => lang = Lang::from_tag(&value()?),
            "--lock-label" => lock_label = Some(value()?),
            "--utm" => utm = Some(value()?),
            "-h" | "--help" => {
                return Err("shows what <related-stories> would make of a feed".to_owned())
            }
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            _ if feed.is_none() => feed = Some(arg),
            _ => return Err("one feed at a time".to_owned()),
        }
    }
    // Like the widget: without --sections, the article's own; without an article, no filter.
    if query.article.is_none() && query.sections.is_none() {
        query.sections = Some(Vec::new());
    }
    Ok(Args {
        feed: feed.ok_or("no feed given")?,
        base,
        query,
        html,
        lang,
        lock_label,
        utm,
    })
}
