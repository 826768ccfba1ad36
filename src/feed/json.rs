//! A JSON reader for the feed's serde readers, in place of serde_json: it
//! does only what they ask of it, so the bundle carries no float parser,
//! error messages or per-type copies of a large value parser.
//!
//! The grammar is RFC 8259's, with one leniency feeds need: a raw control
//! character inside a string is read as itself (hand-made generators write
//! literal tabs and newlines into titles). Only integers are read as
//! numbers; any other number reaches a visitor as `f64::NAN`, a number the
//! readers drop. Unwanted values are skipped without recursion, so depth
//! cannot overflow the stack; the readers themselves nest a fixed few levels.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// Where reading stopped: the offending byte, or the end of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Error {
    pub at: usize,
    pub eof: bool,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.eof {
            "unexpected end"
        } else {
            "unexpected text"
        })
    }
}

impl de::StdError for Error {}

impl de::Error for Error {
    // The readers raise no errors of their own; a visitor's refusal is
    // placed where the reader stands (see `Reader::place`).
    fn custom<T: fmt::Display>(_: T) -> Error {
        Error {
            at: usize::MAX,
            eof: false,
        }
    }
}

type Result<T> = std::result::Result<T, Error>;

/// Reads one value of `text` as `T`; nothing but white space may follow it.
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut reader = Reader::new(text, 0);
    let value = reader.read::<T>()?;
    match reader.peek() {
        None => Ok(value),
        Some(_) => Err(reader.fail()),
    }
}

/// Reads the one value that starts at or after byte `at` of `text`, and
/// where it ends: what follows is the caller's.
pub fn one_at<'de, T: Deserialize<'de>>(text: &'de str, at: usize) -> Result<(T, usize)> {
    let mut reader = Reader::new(text, at);
    let value = reader.read::<T>()?;
    Ok((value, reader.i))
}

/// 1-based line and column of an error in `text`, as editors count them
/// (bytes, not characters); the end of the text is the column after its last.
pub fn place(text: &str, e: Error) -> (usize, usize) {
    let at = e.at.min(text.len());
    let before = text.as_bytes().get(..at).unwrap_or_default();
    let line_start = before
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&c| c == b'\n').count();
    (line, at - line_start + usize::from(!e.eof))
}

struct Reader<'de> {
    text: &'de str,
    i: usize,
    /// A string with escapes, decoded; reused so each needs no allocation.
    scratch: String,
}

/// A value's first step: a scalar read whole, or a container opened.
enum Start {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    /// A fraction, an exponent, or an integer too large for 64 bits.
    OtherNumber,
    /// A string without escapes, borrowed from the text.
    Borrowed(usize, usize),
    /// A string decoded into `scratch`.
    Decoded,
    Seq,
    Map,
}

impl<'de> Reader<'de> {
    fn new(text: &'de str, at: usize) -> Reader<'de> {
        Reader {
            text,
            i: at,
            scratch: String::new(),
        }
    }

    fn read<T: Deserialize<'de>>(&mut self) -> Result<T> {
        T::deserialize(&mut *self).map_err(|e| self.place(e))
    }

    /// A visitor's own refusal has no place yet: it is where the reader stands.
    fn place(&self, e: Error) -> Error {
        if e.at == usize::MAX {
            self.fail()
        } else {
            e
        }
    }

    fn fail(&self) -> Error {
        Error {
            at: self.i,
            eof: self.i >= self.text.len(),
        }
    }

    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.i).copied()
    }

    /// The next byte that is not white space, not consumed.
    fn peek(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.byte() {
            self.i += 1;
        }
        self.byte()
    }

    fn consume(&mut self, c: u8) -> Result<()> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.fail())
        }
    }

    fn start(&mut self) -> Result<Start> {
        let start = match self.peek() {
            Some(b'"') => return self.string(),
            Some(b'[') => Start::Seq,
            Some(b'{') => Start::Map,
            Some(b'n') => return self.word("null", Start::Null),
            Some(b't') => return self.word("true", Start::Bool(true)),
            Some(b'f') => return self.word("false", Start::Bool(false)),
            Some(b'-' | b'0'..=b'9') => return self.number(),
            _ => return Err(self.fail()),
        };
        self.i += 1;
        Ok(start)
    }

    fn word(&mut self, word: &str, value: Start) -> Result<Start> {
        for &c in word.as_bytes() {
            if self.byte() != Some(c) {
                return Err(self.fail());
            }
            self.i += 1;
        }
        Ok(value)
    }

    fn digits(&mut self) -> Result<()> {
        if !matches!(self.byte(), Some(b'0'..=b'9')) {
            return Err(self.fail());
        }
        while let Some(b'0'..=b'9') = self.byte() {
            self.i += 1;
        }
        Ok(())
    }

    fn number(&mut self) -> Result<Start> {
        let negative = self.byte() == Some(b'-');
        self.i += usize::from(negative);
        let mut n: Option<u64> = Some(0);
        if self.byte() == Some(b'0') {
            self.i += 1;
        } else {
            let first = self.i;
            self.digits()?;
            for &d in self.text.as_bytes().get(first..self.i).unwrap_or_default() {
                n = n
                    .and_then(|n| n.checked_mul(10))
                    .and_then(|n| n.checked_add(u64::from(d - b'0')));
            }
        }
        let mut whole = true;
        if self.byte() == Some(b'.') {
            self.i += 1;
            self.digits()?;
            whole = false;
        }
        if let Some(b'e' | b'E') = self.byte() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.byte() {
                self.i += 1;
            }
            self.digits()?;
            whole = false;
        }
        Ok(match n.filter(|_| whole) {
            Some(n) if !negative => Start::Unsigned(n),
            // `-0` is a float's zero, as serde_json reads it.
            Some(n) if n != 0 => 0i64
                .checked_sub_unsigned(n)
                .map_or(Start::OtherNumber, Start::Signed),
            Some(_) => Start::OtherNumber,
            None => Start::OtherNumber,
        })
    }

    /// Reads the string that starts at the reader's quote.
    fn string(&mut self) -> Result<Start> {
        self.i += 1;
        let first = self.i;
        self.skip_to_quote_or_escape();
        if self.byte() == Some(b'"') {
            self.i += 1;
            return Ok(Start::Borrowed(first, self.i - 1));
        }
        self.scratch.clear();
        self.scratch
            .push_str(self.text.get(first..self.i).unwrap_or_default());
        loop {
            let run = self.i;
            self.skip_to_quote_or_escape();
            // `"` and `\` are ASCII, so the run ends on a character boundary.
            self.scratch
                .push_str(self.text.get(run..self.i).unwrap_or_default());
            match self.byte() {
                None => return Err(self.fail()),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Start::Decoded);
                }
                Some(_) => {
                    self.i += 1;
                    let c = self.escape()?;
                    self.scratch.push(c);
                }
            }
        }
    }

    /// Moves to the next `"` or `\\`, or to the end: one pass over a slice,
    /// which the compiler keeps free of per-byte bounds checks.
    fn skip_to_quote_or_escape(&mut self) {
        let rest = self.text.as_bytes().get(self.i..).unwrap_or_default();
        self.i += rest
            .iter()
            .position(|&c| c == b'"' || c == b'\\')
            .unwrap_or(rest.len());
    }

    /// The character an escape after a backslash stands for.
    fn escape(&mut self) -> Result<char> {
        let c = match self.byte() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.i += 1;
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        // A pair: the low half must follow at once.
                        let at = self.i;
                        if self.text.as_bytes().get(at..at + 2) != Some(b"\\u") {
                            return Err(self.fail());
                        }
                        self.i += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(Error { at, eof: false });
                        }
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    _ => unit,
                };
                // A lone low half is not a character.
                return char::from_u32(code).ok_or(Error {
                    at: self.i - 1,
                    eof: false,
                });
            }
            _ => return Err(self.fail()),
        };
        self.i += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = self.byte().and_then(|c| char::from(c).to_digit(16));
            unit = unit * 16 + digit.ok_or_else(|| self.fail())?;
            self.i += 1;
        }
        Ok(unit)
    }

    /// Reads past one value, checking its grammar, without building it.
    fn skip(&mut self) -> Result<()> {
        // The closing bracket of each open container, innermost last.
        let mut open = Vec::new();
        loop {
            match self.start()? {
                Start::Seq if self.peek() == Some(b']') => self.i += 1,
                Start::Seq => {
                    open.push(b']');
                    continue;
                }
                Start::Map if self.peek() == Some(b'}') => self.i += 1,
                Start::Map => {
                    open.push(b'}');
                    self.key()?;
                    continue;
                }
                _ => {}
            }
            // After a value: close what ends here, then the next one.
            while let Some(&close) = open.last() {
                match self.peek() {
                    Some(b',') => {
                        self.i += 1;
                        if close == b'}' {
                            self.key()?;
                        }
                        break;
                    }
                    Some(c) if c == close => {
                        self.i += 1;
                        open.pop();
                    }
                    _ => return Err(self.fail()),
                }
            }
            if open.is_empty() {
                return Ok(());
            }
        }
    }

    /// Reads past a key and its colon.
    fn key(&mut self) -> Result<()> {
        if self.peek() != Some(b'"') {
            return Err(self.fail());
        }
        self.string()?;
        self.consume(b':')
    }

    /// Before the next entry of an open container: `None` at its end.
    fn entry(&mut self, close: u8, first: &mut bool) -> Result<Option<()>> {
        if self.peek() == Some(close) {
            return Ok(None);
        }
        if !std::mem::take(first) {
            self.consume(b',')?;
        }
        Ok(Some(()))
    }
}

impl<'de> Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.start()? {
            Start::Null => visitor.visit_unit(),
            Start::Bool(b) => visitor.visit_bool(b),
            Start::Unsigned(n) => visitor.visit_u64(n),
            Start::Signed(n) => visitor.visit_i64(n),
            Start::OtherNumber => visitor.visit_f64(f64::NAN),
            Start::Borrowed(from, to) => {
                visitor.visit_borrowed_str(self.text.get(from..to).unwrap_or_default())
            }
            Start::Decoded => visitor.visit_str(&self.scratch),
            Start::Seq => {
                let value = visitor.visit_seq(Entries {
                    reader: &mut *self,
                    first: true,
                })?;
                self.consume(b']')?;
                Ok(value)
            }
            Start::Map => {
                let value = visitor.visit_map(Entries {
                    reader: &mut *self,
                    first: true,
                })?;
                self.consume(b'}')?;
                Ok(value)
            }
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip()?;
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier
    }
}

/// The entries of an open array or object.
struct Entries<'r, 'de> {
    reader: &'r mut Reader<'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.reader.entry(b']', &mut self.first)? {
            None => Ok(None),
            Some(()) => seed.deserialize(&mut *self.reader).map(Some),
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.reader.entry(b'}', &mut self.first)? {
            None => Ok(None),
            // Keys are strings, whatever the seed would accept.
            Some(()) if self.reader.peek() != Some(b'"') => Err(self.reader.fail()),
            Some(()) => seed.deserialize(&mut *self.reader).map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.consume(b':')?;
        seed.deserialize(&mut *self.reader)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Any JSON value, as the visitor interface delivers it.
    #[derive(Debug, PartialEq)]
    enum V {
        Null,
        Bool(bool),
        Int(i128),
        OtherNumber,
        Str(String),
        Seq(Vec<V>),
        Map(Vec<(String, V)>),
    }

    impl<'de> Deserialize<'de> for V {
        fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<V, D::Error> {
            d.deserialize_any(VVisitor)
        }
    }

    struct VVisitor;

    impl<'de> Visitor<'de> for VVisitor {
        type Value = V;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any value")
        }
        fn visit_unit<E>(self) -> std::result::Result<V, E> {
            Ok(V::Null)
        }
        fn visit_bool<E>(self, b: bool) -> std::result::Result<V, E> {
            Ok(V::Bool(b))
        }
        fn visit_u64<E>(self, n: u64) -> std::result::Result<V, E> {
            Ok(V::Int(n.into()))
        }
        fn visit_i64<E>(self, n: i64) -> std::result::Result<V, E> {
            Ok(V::Int(n.into()))
        }
        fn visit_f64<E>(self, _: f64) -> std::result::Result<V, E> {
            Ok(V::OtherNumber)
        }
        fn visit_str<E>(self, s: &str) -> std::result::Result<V, E> {
            Ok(V::Str(s.to_owned()))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<V, A::Error> {
            let mut all = Vec::new();
            while let Some(v) = seq.next_element()? {
                all.push(v);
            }
            Ok(V::Seq(all))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<V, A::Error> {
            let mut all = Vec::new();
            while let Some(entry) = map.next_entry()? {
                all.push(entry);
            }
            Ok(V::Map(all))
        }
    }

    fn reference(v: serde_json::Value) -> V {
        use serde_json::Value as J;
        match v {
            J::Null => V::Null,
            J::Bool(b) => V::Bool(b),
            J::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(n), _) => V::Int(n.into()),
                (_, Some(n)) => V::Int(n.into()),
                _ => V::OtherNumber,
            },
            J::String(s) => V::Str(s),
            J::Array(a) => V::Seq(a.into_iter().map(reference).collect()),
            J::Object(o) => V::Map(o.into_iter().map(|(k, v)| (k, reference(v))).collect()),
        }
    }

    #[test]
    fn reads_what_serde_json_reads_and_refuses_what_it_refuses() {
        let cases = [
            "null",
            "true",
            "false",
            "0",
            "-0",
            "7",
            "-7",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "1.5",
            "-0.0e+1",
            "1E9",
            "2e-3",
            " \t\r\n[ ] ",
            "[1,2,[3,[]]]",
            "{}",
            r#"{"a":{"b":[null,{"c":"d"}]},"e":1}"#,
            r#""plain""#,
            r#""\"\\\/\b\f\n\r\t""#,
            r#""\u0041\u00e9\u4e2d\ud83d\udcf0""#,
            r#""mixed é \u00e9 and 中""#,
            // Refused, at the same offsets or not, by both.
            "",
            " ",
            "nul",
            "nulls",
            "tru",
            "True",
            "01",
            "-",
            "-a",
            "1.",
            ".5",
            "1e",
            "1e+",
            "+1",
            "0x10",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[",
            "]",
            "{",
            r#"{"a"}"#,
            r#"{"a":}"#,
            r#"{"a":1,}"#,
            r#"{a:1}"#,
            r#"{1:1}"#,
            r#"{"a" 1}"#,
            r#"{"a":1"b":2}"#,
            "[1]]",
            "[1] x",
            r#"""#,
            r#""abc"#,
            r#""\x""#,
            r#""\u12""#,
            r#""\uZZZZ""#,
            r#""\ud800""#,
            r#""\ud800x""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\"#,
            "'a'",
            "[\"a\"\"b\"]",
        ];
        for case in cases {
            let ours = from_str::<V>(case).ok();
            let theirs = serde_json::from_str::<serde_json::Value>(case)
                .ok()
                .map(reference);
            assert_eq!(ours, theirs, "{case:?}");
        }
    }

    #[test]
    fn raw_control_characters_are_text_inside_strings_only() {
        assert_eq!(
            from_str::<V>("\"a\tb\nc\u{1}\""),
            Ok(V::Str("a\tb\nc\u{1}".into()))
        );
        assert_eq!(from_str::<V>("\"\\n\t\""), Ok(V::Str("\n\t".into())));
        assert!(from_str::<V>("[1,\u{1}2]").is_err());
    }

    #[test]
    fn deep_values_are_skipped_without_recursion() {
        let deep = format!("{}1{}", "[{\"a\":".repeat(100_000), "}]".repeat(100_000));
        assert_eq!(from_str::<serde::de::IgnoredAny>(&deep).map(drop), Ok(()));
        assert!(from_str::<serde::de::IgnoredAny>(&deep[..deep.len() - 1]).is_err());
    }

    #[test]
    fn errors_say_where_they_are() {
        let text = "{\n  \"a\": tru\n}";
        let e = from_str::<V>(text).err();
        assert_eq!(e.map(|e| (e.eof, place(text, e))), Some((false, (2, 11))));
        let text = "[1,\n";
        let e = from_str::<V>(text).err();
        assert_eq!(e.map(|e| (e.eof, place(text, e))), Some((true, (2, 0))));
    }

    #[test]
    fn one_value_then_the_rest_is_the_callers() {
        assert_eq!(
            one_at::<V>("[ 1 , {\"a\":2} ]", 4 + 2),
            Ok((V::Map(vec![("a".into(), V::Int(2))]), 13))
        );
    }
}
