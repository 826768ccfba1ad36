//! Minifies style/related-stories.css into `$OUT_DIR/related-stories.min.css`,
//! the copy src/style.rs embeds in the wasm: comments go, whitespace runs
//! collapse to one space or none where CSS does not need it. Strings, escapes
//! and `url(…)` are copied untouched. The stylesheet itself stays readable,
//! with its comments, in one place.

use std::error::Error;
use std::iter::Peekable;
use std::str::Chars;

const SOURCE: &str = "style/related-stories.css";

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=build.rs");
    let root = std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let css = std::fs::read_to_string(root.join(SOURCE))?;
    self_check()?;
    let min = minify(&css)?;
    // Only whitespace, comments and a rule's last `;` may differ.
    if squash(&css)? != squash(&min)? {
        return Err(format!("minifying {SOURCE} changed more than whitespace and comments").into());
    }
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?).join("related-stories.min.css");
    std::fs::write(out, min)?;
    Ok(())
}

/// The cases that must keep their space (or their bytes), checked on every build.
fn self_check() -> Result<(), Box<dyn Error>> {
    let cases = [
        (
            "@media screen and (min-width: 1px) {\n  a :hover , b > c { width : calc( 1px + 2px ) ; } }",
            "@media screen and (min-width:1px){a :hover,b>c{width :calc(1px + 2px)}}",
        ),
        (
            ":host([x]) .a { content: \"a /* b */ ;  }\" ; margin: 0 !important; }",
            ":host([x]) .a{content:\"a /* b */ ;  }\";margin:0!important}",
        ),
        ("d/**/e { background: url( a/*b*/c.png ) }", "d e{background:url( a/*b*/c.png )}"),
        (".x\\:y  .z { a: b }", ".x\\:y .z{a:b}"),
    ];
    for (css, want) in cases {
        let got = minify(css)?;
        if got != want {
            return Err(
                format!("the CSS minifier turned {css:?} into {got:?}, not {want:?}").into(),
            );
        }
    }
    Ok(())
}

/// No space is needed after these (in selectors, declarations or at-rule preludes).
/// Not `)`: `:is(a) b` and `rect(0 0) x` need theirs. Not `+ - * /`: `calc()` needs them.
const BARE_AFTER: &[char] = &['{', '}', ';', ',', '>', ':', '('];
/// No space is needed before these. Not `(`: `and (` must not become the function `and(`.
/// Not `:`: `a :hover` (descendant) is not `a:hover`.
const BARE_BEFORE: &[char] = &['{', '}', ';', ',', '>', ')', '!'];

fn minify(css: &str) -> Result<String, Box<dyn Error>> {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    // Whether out ends in a `;` that separates declarations (not one in a string).
    let mut semicolon = false;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            skip_comment(&mut chars)?;
            space = true;
            continue;
        }
        if space && !out.is_empty() && !out.ends_with(BARE_AFTER) && !BARE_BEFORE.contains(&c) {
            out.push(' ');
        }
        space = false;
        if c == '}' && semicolon {
            out.pop();
        }
        semicolon = c == ';';
        out.push(c);
        copy_literal(c, &mut chars, &mut out)?;
    }
    Ok(out)
}

/// After `c`, copies what must not change: the rest of a string, an escaped
/// character, or the inside of `url(…)`.
fn copy_literal(
    c: char,
    chars: &mut Peekable<Chars>,
    out: &mut String,
) -> Result<(), Box<dyn Error>> {
    match c {
        '"' | '\'' => copy_string(c, chars, out)?,
        '\\' => out.extend(chars.next()),
        '(' if ends_with_url(out) => copy_url(chars, out)?,
        _ => {}
    }
    Ok(())
}

fn skip_comment(chars: &mut Peekable<Chars>) -> Result<(), Box<dyn Error>> {
    while let Some(c) = chars.next() {
        if c == '*' && chars.peek() == Some(&'/') {
            chars.next();
            return Ok(());
        }
    }
    Err(format!("unterminated comment in {SOURCE}").into())
}

/// Copies the rest of a string opened by `quote`, escapes included.
fn copy_string(
    quote: char,
    chars: &mut Peekable<Chars>,
    out: &mut String,
) -> Result<(), Box<dyn Error>> {
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\\' {
            out.extend(chars.next());
        } else if c == quote {
            return Ok(());
        }
    }
    Err(format!("unterminated string in {SOURCE}").into())
}

/// `url(` just written, as a whole word (not `myurl(`).
fn ends_with_url(out: &str) -> bool {
    let lower = out.to_ascii_lowercase();
    lower.ends_with("url(")
        && !lower
            .strip_suffix("url(")
            .and_then(|before| before.chars().last())
            .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '\\')
}

/// Copies a `url(…)` through its `)`, verbatim: an unquoted URL may hold `/*`.
fn copy_url(chars: &mut Peekable<Chars>, out: &mut String) -> Result<(), Box<dyn Error>> {
    while let Some(c) = chars.next() {
        out.push(c);
        match c {
            '"' | '\'' => copy_string(c, chars, out)?,
            '\\' => out.extend(chars.next()),
            ')' => return Ok(()),
            _ => {}
        }
    }
    Err(format!("unterminated url( in {SOURCE}").into())
}

/// The stylesheet without comments, whitespace outside strings and `url()`, and
/// a `;` before `}`: what minifying must leave as it was.
fn squash(css: &str) -> Result<String, Box<dyn Error>> {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            skip_comment(&mut chars)?;
            continue;
        }
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        out.push(c);
        copy_literal(c, &mut chars, &mut out)?;
    }
    Ok(out)
}
