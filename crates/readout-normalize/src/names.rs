//! Person names: honorifics, tokens, transliteration keys, surnames.

use std::collections::HashSet;

/// Folds the accented Latin letters common in transliterated names to their
/// base letter, so that "Çavuşoğlu" and "Cavusoglu" give one key.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'ё' => "e",
        'ğ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ß' => "ss",
        _ => return None,
    })
}

/// Lower-cases and folds accents; drops everything that is not a letter or
/// digit. "Jae-in" gives "jaein", "H.E." gives "he".
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        if let Some(f) = fold_char(c) {
            out.push_str(f);
        } else if c.is_alphanumeric() {
            out.push(c);
        }
    }
    out
}

/// The words of a name as written, split on spaces (hyphens stay inside a
/// word: "Jae-in"); commas and periods are not words.
pub(crate) fn words(name: &str) -> Vec<&str> {
    name.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

/// The transliteration key of one word: accents folded, then the spellings
/// that English texts use interchangeably for one sound made equal —
/// "kh"/"h", "y"/"i"/"j" as vowels, "ii"/"iy"/"y" endings, a leading
/// "ye"/"e", "gue"/"ge", "w"/"v", doubled letters. Two spellings of one name
/// (Sergei/Sergey/Serguei/Sergej, Yevgeny/Evgeny/Evgenii, Dmitriy/Dmitry,
/// Mikhail/Mihail) have one key.
pub(crate) fn word_key(word: &str) -> String {
    let mut s = fold(word);
    if s.chars().count() <= 2 {
        return s;
    }
    if let Some(rest) = s.strip_prefix("ye") {
        s = format!("e{rest}");
    } else if let Some(rest) = s.strip_prefix("yo") {
        s = format!("e{rest}");
    }
    for (from, to) in [
        ("kh", "h"),
        ("gue", "ge"),
        ("gui", "gi"),
        ("tch", "ch"),
        ("yo", "e"),
        ("w", "v"),
        ("j", "i"),
        ("y", "i"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    for c in s.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// A name taken apart: honorifics gone, each word with its key, the surname
/// found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name {
    /// The name without honorifics, words joined by single spaces.
    pub(crate) clean: String,
    /// The key of each given-name word, in order.
    pub(crate) given: Vec<String>,
    /// The key of the surname.
    pub(crate) surname: String,
    /// The word keys in written order, joined by spaces.
    full_key: String,
}

impl Name {
    /// The key of the whole name: the word keys in written order.
    pub(crate) fn key(&self) -> &str {
        &self.full_key
    }

    /// Whether only a surname is written.
    pub(crate) fn surname_only(&self) -> bool {
        self.given.is_empty()
    }
}

/// Countries whose names are written surname first in English texts.
pub(crate) fn surname_first(country: Option<&str>) -> bool {
    matches!(
        country,
        Some("CN" | "TW" | "HK" | "KR" | "KP" | "VN" | "MO")
    )
}

/// Takes a written name apart. `honorifics` holds folded honorific words
/// ("mr", "he", "excellency"); `country` decides the name order.
pub(crate) fn parse_name(
    written: &str,
    honorifics: &HashSet<String>,
    country: Option<&str>,
) -> Name {
    // Catalogues and bylines write "Downer, Alexander": put it in reading order.
    let reordered;
    let written = match written.split_once(',') {
        Some((family, given))
            if !given.contains(',')
                && !family.trim().is_empty()
                && !given.trim().is_empty()
                && !matches!(
                    fold(given.trim()).as_str(),
                    "jr" | "sr" | "ii" | "iii" | "iv"
                ) =>
        {
            reordered = format!("{} {}", given.trim(), family.trim());
            reordered.as_str()
        }
        _ => written,
    };
    let mut kept: Vec<&str> = words(written);
    while kept.len() > 1 && honorifics.contains(&fold(kept[0])) {
        kept.remove(0);
    }
    // "His Excellency" leaves "his" behind only when followed by an honorific.
    let clean = kept.join(" ");
    let keys: Vec<String> = kept.iter().map(|w| word_key(w)).collect();
    let (surname, given) = match keys.len() {
        0 => (String::new(), Vec::new()),
        1 => (keys[0].clone(), Vec::new()),
        _ if surname_first(country) && keys.len() <= 3 => (keys[0].clone(), keys[1..].to_vec()),
        n => (keys[n - 1].clone(), keys[..n - 1].to_vec()),
    };
    Name {
        full_key: keys.join(" "),
        clean,
        given,
        surname,
    }
}

/// Whether two given names can be one person's: equal keys joined, or each
/// word of the shorter matching a word of the longer in order, where an
/// initial ("S.") matches any word starting with that letter. An empty given
/// name (a surname-only reference) is compatible with any.
pub(crate) fn given_compatible(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() || a.concat() == b.concat() {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut at = 0;
    for word in short {
        let found = long[at..].iter().position(|other| {
            other == word
                || (word.chars().count() == 1 && other.starts_with(word.as_str()))
                || (other.chars().count() == 1 && word.starts_with(other.as_str()))
        });
        match found {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalogue_name_is_read_in_reading_order() {
        let h = honorifics();
        let inverted = parse_name("DOWNER, Alexander", &h, Some("AU"));
        let plain = parse_name("Alexander Downer", &h, Some("AU"));
        assert_eq!(inverted.key(), plain.key());
        assert_eq!(inverted.clean, "Alexander DOWNER");
        assert!(
            parse_name("Martin Luther King, Jr.", &h, None)
                .clean
                .starts_with("Martin")
        );
    }

    fn honorifics() -> HashSet<String> {
        ["mr", "dr", "he", "his", "her", "excellency", "ms", "mrs"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn transliteration_variants_share_a_key() {
        let groups: &[&[&str]] = &[
            &["Sergei", "Sergey", "Serguei", "Sergej", "Sergeï"],
            &["Yevgeny", "Evgeny", "Evgenii", "Yevgeniy", "Evgeniy"],
            &["Dmitriy", "Dmitry", "Dmitrii", "Dmitri"],
            &["Mikhail", "Mihail"],
            &["Çavuşoğlu", "Cavusoglu"],
            &["Lavrov", "Lawrow"],
            &["Fyodor", "Fedor"],
        ];
        for group in groups {
            let keys: HashSet<String> = group.iter().map(|w| word_key(w)).collect();
            assert_eq!(keys.len(), 1, "{group:?} gave {keys:?}");
        }
        for (a, b) in [("Sergey", "Sergio"), ("Yi", "Yang"), ("Maria", "Mario")] {
            assert_ne!(word_key(a), word_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn honorifics_are_stripped_and_name_order_kept() {
        let h = honorifics();
        let cases = [
            ("Mr. Sergey Lavrov", Some("RU"), "Sergey Lavrov", "lavrov"),
            ("H.E. Wang Yi", Some("CN"), "Wang Yi", "vang"),
            (
                "His Excellency Dr. S. Jaishankar",
                Some("IN"),
                "S. Jaishankar",
                "iaishankar",
            ),
            ("Moon Jae-in", Some("KR"), "Moon Jae-in", "mon"),
            ("Mr.", None, "Mr.", "mr"),
        ];
        for (written, country, clean, surname) in cases {
            let name = parse_name(written, &h, country);
            assert_eq!(name.clean, clean, "{written}");
            assert_eq!(name.surname, surname, "{written}");
        }
    }

    #[test]
    fn given_names_compatible_by_initial_and_middle_name() {
        let k = |s: &str| -> Vec<String> { s.split(' ').map(word_key).collect() };
        assert!(given_compatible(&k("Sergey Viktorovich"), &k("Sergei")));
        assert!(given_compatible(&k("S."), &k("Sergey")));
        assert!(given_compatible(&[], &k("Sergey")));
        assert!(given_compatible(&k("Jae in"), &k("Jae-in")));
        assert!(!given_compatible(&k("Sergey"), &k("Andrei")));
        assert!(!given_compatible(&k("A."), &k("Sergey")));
    }
}
