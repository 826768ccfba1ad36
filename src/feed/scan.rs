//! Finding the items array without reading it. Only brackets and strings are
//! tracked; serde_json still reads every byte that becomes data, and refuses
//! what is not JSON.

/// Where the top-level `"items": [...]` array is, when the document is an
/// object with exactly one such key spelled plainly.
pub fn items_span(body: &str) -> Option<std::ops::Range<usize>> {
    let b = body.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    let mut found = None;
    loop {
        i = skip_ws(b, i);
        match b.get(i)? {
            b'}' => return found,
            b'"' => {}
            _ => return None,
        }
        let key_end = skip_string(b, i)?;
        let key = b.get(i + 1..key_end - 1)?;
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(b, i + 1);
        let value_end = skip_value(b, i)?;
        if key.contains(&b'\\') {
            return None; // an escaped key might spell "items" too
        }
        if key == b"items" {
            if found.is_some() || b.get(i) != Some(&b'[') {
                return None;
            }
            found = Some(i..value_end);
        }
        i = skip_ws(b, value_end);
        match b.get(i)? {
            b',' => i += 1,
            b'}' => return found,
            _ => return None,
        }
    }
}

/// The index of the first byte at or after `i` that is not JSON white space.
pub fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        i += 1;
    }
    i
}

/// `b[i]` is an opening quote; returns the index after the closing one.
fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        match b.get(j)? {
            b'"' => return Some(j + 1),
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
}

/// The end of the value starting at `b[i]`: after its closing bracket, or at
/// the comma or bracket that ends a bare number, `true`, `false` or `null`.
fn skip_value(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match b.get(i)? {
            b'"' => {
                i = skip_string(b, i)?;
                if depth == 0 {
                    return Some(i);
                }
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                if depth <= 1 {
                    return Some(if depth == 0 { i } else { i + 1 });
                }
                depth -= 1;
            }
            b',' if depth == 0 => return Some(i),
            _ => {}
        }
        i += 1;
    }
}

/// The document with each raw control character inside a string escaped,
/// as JSON wants it: hand-made generators write a literal tab or newline
/// into a title, which `JSON.parse` and serde_json refuse. Everything
/// outside strings is left for serde_json to judge, so a truncated or
/// otherwise broken document stays an error.
pub fn escape_controls(body: &str) -> std::borrow::Cow<'_, str> {
    let b = body.as_bytes();
    let (mut in_string, mut i) = (false, 0);
    let mut out: Option<String> = None;
    let mut copied = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => in_string = !in_string,
            b'\\' if in_string => i += 1,
            0..=0x1f if in_string => {
                let out = out.get_or_insert_with(|| String::with_capacity(body.len() + 16));
                out.push_str(body.get(copied..i).unwrap_or_default());
                match c {
                    b'\t' => out.push_str("\\t"),
                    b'\n' => out.push_str("\\n"),
                    b'\r' => out.push_str("\\r"),
                    _ => {
                        const HEX: &[u8; 16] = b"0123456789abcdef";
                        let hex =
                            |n: u8| char::from(HEX.get(usize::from(n)).copied().unwrap_or(b'0'));
                        out.push_str("\\u00");
                        out.push(hex(c >> 4));
                        out.push(hex(c & 15));
                    }
                }
                copied = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    match out {
        None => std::borrow::Cow::Borrowed(body),
        Some(mut out) => {
            out.push_str(body.get(copied..).unwrap_or_default());
            std::borrow::Cow::Owned(out)
        }
    }
}

/// Whether serde_json stopped at (1-based `line`, `column`) on a raw control
/// character, the one refusal [`escape_controls`] answers.
pub fn at_control(body: &str, line: usize, column: usize) -> bool {
    let start = match line {
        0 | 1 => Some(0),
        _ => body.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1),
    };
    // serde_json places the refusal on the byte itself, the one before it
    // or, for a newline, at the start of the next line, depending on the
    // reader; a wrong guess costs a second read of a broken document.
    let Some(start) = start else { return false };
    let b = body.as_bytes();
    [
        start + column,
        start + column - usize::from(column > 0),
        start.saturating_sub(1),
    ]
    .iter()
    .any(|&at| b.get(at).is_some_and(|c| *c < 0x20 && *c != b' '))
}

/// The 1-based line and column of the document's last character.
pub fn end_of(body: &str) -> (usize, usize) {
    let lines = body.matches('\n').count();
    let last = body
        .rfind('\n')
        .map_or(body, |i| body.get(i + 1..).unwrap_or_default());
    (lines + 1, last.len())
}
