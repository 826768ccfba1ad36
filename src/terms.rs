//! What a story is about, as terms a ranker can compare: the words of its
//! title, summary and the start of its text, case-folded, cut to a prefix
//! stem so that inflected forms meet ("sanctions", "sanctioned";
//! "санкции", "санкций"), with small stop-word lists for en, be and ru.
//! Scripts written without spaces (Chinese, Japanese) give character pairs.
//! Each term is a 32-bit hash: a story's terms are a short list of hashes with
//! their counts.
//!
//! Closeness is the cosine of TF-IDF weights over the feed's own document
//! frequencies, so a word every story uses counts for little.

use crate::text::fold_case;

/// A story's terms: (hash, count), each hash once, in no order.
pub type Terms = Vec<(u32, u16)>;

/// How many leading characters of a word are its stem: long enough to keep
/// words apart, short enough to drop most inflections (measured over the
/// tagged feeds, see BENCHMARKS.md).
const STEM: usize = 6;

/// The title counts this many times: it says most about what a story is.
const TITLE_WEIGHT: u32 = 2;

/// Words too common to say what a story is about, in en, ru and be, as
/// one string (a table of string slices would cost the bundle twice as
/// much). Shorter words than three letters are dropped anyway, and the
/// rest of the common words weigh little through their frequency.
const STOP_WORDS: &str = "the and for are but not was has had its who what with this that from \
    they will have been were said says into over more than when which their there about after \
    что как это для его она они так все при или уже был была были этот чем где под после только \
    если также когда чтобы может што гэта яго яна яны усе пры або ужо быў былі гэты калі таксама \
    каб пасля толькі";

/// The terms of one story. `title` weighs [`TITLE_WEIGHT`] times the rest.
pub fn of(title: &str, rest: &[&str]) -> Terms {
    let mut counts = Counts::default();
    words(title, TITLE_WEIGHT, &mut counts);
    for text in rest {
        words(text, 1, &mut counts);
    }
    counts
        .entries()
        .map(|(h, n)| (h, u16::try_from(n).unwrap_or(u16::MAX)))
        .collect()
}

/// Counts each term of `text` `uses` times, in one pass over its characters.
fn words(text: &str, uses: u32, out: &mut Counts) {
    let stops = stop_words();
    let mut word = Word::EMPTY;
    let mut previous_ideograph: Option<char> = None;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // Most text of most feeds is ASCII: read byte by byte, its letters
        // fold with one add; only other characters are decoded.
        if b.is_ascii() {
            at += 1;
            previous_ideograph = None;
            if b.is_ascii_alphanumeric() {
                word.push(char::from(b.to_ascii_lowercase()));
            } else {
                word.flush(out, stops, uses);
            }
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        at += c.len_utf8();
        let c = fold_case(c);
        if is_ideograph(c) {
            word.flush(out, stops, uses);
            // Written without spaces: each pair of characters is a term.
            if let Some(p) = previous_ideograph {
                out.add(mix(mix(SEED, p), c), uses);
            }
            previous_ideograph = Some(c);
        } else {
            previous_ideograph = None;
            if is_word_char(c) {
                word.push(c);
            } else {
                word.flush(out, stops, uses);
            }
        }
    }
    word.flush(out, stops, uses);
}

/// A word as it is read: its length, whether it is all digits, and the
/// hashes of its stem and of its first [`LONGEST_STOP_WORD`] characters
/// (all of it, when it is short enough to be a stop word).
struct Word {
    letters: usize,
    digits: bool,
    stem: u32,
    whole: u32,
}

impl Word {
    const EMPTY: Word = Word {
        letters: 0,
        digits: true,
        stem: SEED,
        whole: SEED,
    };

    // Called for every letter: a call each would cost as much as the work.
    #[inline(always)]
    fn push(&mut self, c: char) {
        self.letters += 1;
        self.digits &= c.is_ascii_digit();
        if self.letters <= LONGEST_STOP_WORD {
            self.whole = mix(self.whole, c);
            if self.letters <= STEM {
                self.stem = mix(self.stem, c);
            }
        }
    }

    /// Counts the word's stem, unless it is too short, a number or a stop word.
    fn flush(&mut self, out: &mut Counts, stops: &StopWords, uses: u32) {
        if self.letters >= 3
            && !self.digits
            && !(self.letters <= LONGEST_STOP_WORD && stops.holds(self.whole))
        {
            out.add(self.stem, uses);
        }
        *self = Word::EMPTY;
    }
}

/// No stop word is longer: longer words skip the look-up.
const LONGEST_STOP_WORD: usize = 7;

// A word's stem is hashed while its first characters are.
const _: () = assert!(STEM <= LONGEST_STOP_WORD);

/// The stop words' hashes, sorted, and a bitmap of their low bits: most
/// words are no stop word, and one bit says so without a search.
struct StopWords {
    sorted: Vec<u32>,
    bits: [u64; 64],
}

impl StopWords {
    fn holds(&self, h: u32) -> bool {
        let bit = h as usize % 4096;
        self.bits
            .get(bit / 64)
            .is_some_and(|w| w >> (bit % 64) & 1 == 1)
            && self.sorted.binary_search(&h).is_ok()
    }
}

/// The stop-word table, made on first use and kept for the page's life. A
/// thread-local, not a `OnceLock`: the widget has one thread, and std's
/// `Once` would bring its locking into the bundle.
fn stop_words() -> &'static StopWords {
    thread_local! {
        static TABLE: std::cell::Cell<Option<&'static StopWords>> = const { std::cell::Cell::new(None) };
    }
    TABLE.with(|table| {
        table.get().unwrap_or_else(|| {
            let made: &'static StopWords = Box::leak(Box::new(make_stop_words()));
            table.set(Some(made));
            made
        })
    })
}

fn make_stop_words() -> StopWords {
    let mut table = StopWords {
        sorted: Vec::new(),
        bits: [0; 64],
    };
    for word in STOP_WORDS.split_whitespace() {
        let h = word.chars().fold(SEED, mix);
        if let Err(i) = table.sorted.binary_search(&h) {
            table.sorted.insert(i, h);
        }
        let bit = h as usize % 4096;
        if let Some(w) = table.bits.get_mut(bit / 64) {
            *w |= 1 << (bit % 64);
        }
    }
    table
}

/// Letters and digits, roughly: ASCII ones, and beyond ASCII everything but
/// the punctuation, symbol and space blocks a headline uses. std's
/// `is_alphanumeric` would bring Unicode's tables into the bundle for this
/// one use; a symbol taken for a letter only makes a rare term.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || !matches!(c as u32, 0..=0xBF | 0xD7 | 0xF7 | 0x2000..=0x2BFF | 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0x1F000..)
}

/// Han, kana and Hangul: scripts whose words are not parted by spaces.
fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// FNV-1a's constants, a whole character at a time (one multiply, not one
/// per byte): stable across builds and machines.
const SEED: u32 = 0x811c_9dc5;

#[inline(always)]
fn mix(h: u32, c: char) -> u32 {
    (h ^ c as u32).wrapping_mul(0x0100_0193)
}

/// Counts by term: a story's while its words are read, and a feed's
/// (how many stories use each term). A small open-addressing table keyed by
/// the term's hash: std's map would bring its generic code into the bundle,
/// and a sorted list an insert for every new word.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Counts {
    /// (hash, count); hash 0 marks an empty slot. Its length is 0 or a power of two.
    slots: Vec<(u32, u32)>,
    used: usize,
}

/// How many stories of a feed use each term.
pub type Frequencies = Counts;

impl Counts {
    /// Counts `n` more uses of the term `h`.
    pub fn add(&mut self, h: u32, n: u32) {
        if (self.used + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let at = self.find(h);
        if let Some(slot) = self.slots.get_mut(at) {
            if slot.0 == 0 {
                *slot = (key(h), 0);
                self.used += 1;
            }
            slot.1 = slot.1.saturating_add(n);
        }
    }

    /// Counts one more story for each of its terms.
    pub fn add_story(&mut self, terms: &Terms) {
        for &(h, _) in terms {
            self.add(h, 1);
        }
    }

    /// How many uses of the term `h` are counted.
    pub fn get(&self, h: u32) -> u32 {
        self.slots.get(self.find(h)).map_or(0, |s| s.1)
    }

    /// Each term counted, with its count.
    fn entries(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.slots.iter().copied().filter(|&(k, _)| k != 0)
    }

    /// The slot holding `h`, or the empty one where it would go.
    fn find(&self, h: u32) -> usize {
        let mask = self.slots.len().wrapping_sub(1);
        let k = key(h);
        let mut i = (k.wrapping_mul(0x9e37_79b9) >> 7) as usize & mask;
        while let Some(&(slot, _)) = self.slots.get(i) {
            if slot == k || slot == 0 {
                return i;
            }
            i = (i + 1) & mask;
        }
        i
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![(0, 0); (old.len() * 2).max(32)];
        for (k, n) in old.into_iter().filter(|(k, _)| *k != 0) {
            let at = self.find(k);
            if let Some(slot) = self.slots.get_mut(at) {
                *slot = (k, n);
            }
        }
    }
}

/// Hash 0 marks an empty slot: a term hashing to it is moved to 1.
fn key(h: u32) -> u32 {
    h.max(1)
}

/// The current article's terms weighed against the feed: TF-IDF, with its length.
pub struct Weighed {
    counts: Counts,
    norm: f32,
}

impl Weighed {
    /// `stories` is how many stories the feed has, `df` how many use each term.
    pub fn new(terms: &Terms, df: &Frequencies, stories: usize) -> Weighed {
        let mut counts = Counts::default();
        let mut norm = 0.0;
        for &(h, n) in terms {
            counts.add(h, u32::from(n));
            let w = f32::from(n) * idf(stories, df.get(h));
            norm += w * w;
        }
        Weighed {
            counts,
            norm: f32::sqrt(norm),
        }
    }

    /// The cosine between this story and one with `terms`, 0 (nothing
    /// shared) to 1. A shared term's weight is its count times the same
    /// rarity on both sides: the weights are made on the way, not kept.
    pub fn closeness(&self, terms: &Terms, df: &Frequencies, stories: usize) -> f32 {
        let (mut dot, mut norm) = (0.0, 0.0);
        for &(h, n) in terms {
            let idf = idf(stories, df.get(h));
            let w = f32::from(n) * idf;
            norm += w * w;
            dot += w * self.counts.get(h) as f32 * idf;
        }
        if self.norm == 0.0 || norm == 0.0 {
            return 0.0;
        }
        (dot / (self.norm * norm.sqrt())).min(1.0)
    }
}

/// ln(1 + stories / used), from the float's bits: close enough to weigh
/// words, and no logarithm code in the bundle.
fn idf(stories: usize, used: u32) -> f32 {
    let x = 1.0 + stories as f32 / used.max(1) as f32;
    let bits = x.to_bits();
    let exponent = ((bits >> 23) & 0xff) as f32 - 127.0;
    let mantissa = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000);
    // log2 of the mantissa in [1, 2), to within 0.01; times ln 2.
    let t = mantissa - 1.0;
    (exponent + t * (1.3465 - 0.3465 * t)) * std::f32::consts::LN_2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_stop_word_is_longer_than_the_look_up_reads() {
        let longest = STOP_WORDS
            .split_whitespace()
            .map(|w| w.chars().count())
            .max();
        assert_eq!(longest, Some(LONGEST_STOP_WORD));
    }

    fn hashes(text: &str) -> Vec<u32> {
        let mut h: Vec<u32> = of("", &[text]).into_iter().map(|(h, _)| h).collect();
        h.sort_unstable();
        h
    }

    #[test]
    fn inflected_forms_meet_and_stop_words_do_not_count() {
        assert_eq!(hashes("Sanctions"), hashes("sanctioned"));
        assert_eq!(hashes("санкции"), hashes("Санкций"));
        assert_eq!(hashes("the and with that"), Vec::<u32>::new());
        assert_eq!(hashes("это для гэта"), Vec::<u32>::new());
        assert_ne!(hashes("potash"), hashes("stadium"));
        // Numbers alone say nothing; short words neither.
        assert_eq!(hashes("2024 12 a to"), Vec::<u32>::new());
    }

    #[test]
    fn punctuation_and_symbols_part_words_in_every_script() {
        assert_eq!(hashes("potash—exports"), hashes("potash exports"));
        assert_eq!(hashes("«санкции»…"), hashes("санкции"));
        assert_eq!(hashes("café × 2024 ÷ “déjà” 🚀"), hashes("café déjà"));
        assert_eq!(hashes("时间，轴"), hashes("时间"));
        assert_eq!(hashes("Ελλάδα"), hashes("ελλάδα"));
    }

    #[test]
    fn chinese_text_gives_character_pairs() {
        assert_eq!(hashes("时间轴").len(), 2);
        assert_eq!(hashes("实现时间轴"), {
            let mut v = hashes("实现");
            v.extend(hashes("现时"));
            v.extend(hashes("时间"));
            v.extend(hashes("间轴"));
            v.sort_unstable();
            v
        });
    }

    #[test]
    fn the_title_weighs_more_and_counts_add_up() {
        let t = of("Potash exports", &["potash prices"]);
        let potash = hashes("potash")[0];
        assert_eq!(
            t.iter().find(|(h, _)| *h == potash).map(|(_, n)| *n),
            Some(3)
        );
    }

    #[test]
    fn closeness_is_a_cosine_weighed_by_rarity() {
        let stories = [
            of("Potash exports fall", &["Belaruskali potash sanctions"]),
            of("Potash sanctions eased", &[]),
            of("Football stadium opens", &["new stadium"]),
            of("Exports and imports", &["trade figures"]),
        ];
        let mut df = Frequencies::default();
        for t in &stories {
            df.add_story(t);
        }
        let n = stories.len();
        let close =
            |a: usize, b: usize| Weighed::new(&stories[a], &df, n).closeness(&stories[b], &df, n);
        assert!((close(0, 0) - 1.0).abs() < 1e-4);
        assert_eq!(close(0, 2), 0.0);
        assert!(close(0, 1) > close(0, 3), "{} {}", close(0, 1), close(0, 3));
        assert!((close(0, 1) - close(1, 0)).abs() < 1e-6);
    }

    #[test]
    fn idf_is_close_to_the_logarithm() {
        for (n, df) in [(1000, 1), (1000, 10), (1000, 999), (3, 1), (651, 5)] {
            let exact = (1.0 + n as f32 / df as f32).ln();
            assert!(
                (idf(n, df) - exact).abs() < 0.02,
                "{n} {df}: {} vs {exact}",
                idf(n, df)
            );
        }
    }

    #[test]
    fn the_frequency_table_counts_every_term_through_its_growth() {
        let mut df = Frequencies::default();
        let mut expected = std::collections::HashMap::new();
        for story in 0..300u32 {
            let terms: Terms = (0..40)
                .map(|t| (2 + story.wrapping_mul(7919) % 97 + t * 131, 1))
                .collect();
            df.add_story(&terms);
            for (h, _) in &terms {
                *expected.entry(*h).or_insert(0) += 1;
            }
        }
        df.add_story(&vec![(0, 1)]);
        assert!(expected.iter().all(|(h, n)| df.get(*h) == *n));
        assert_eq!(df.get(0), 1);
        assert_eq!(df.get(999_999), 0);
    }
}
