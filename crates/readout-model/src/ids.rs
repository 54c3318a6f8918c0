//! Deterministic identifiers: the same input always gives the same ids.

use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// SHA-256 of `bytes`, as 64 lower-case hex digits.
///
/// ```
/// assert_eq!(&readout_model::sha256_hex(b"")[..8], "e3b0c442");
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest.iter() {
        out.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    out
}

/// The id of a document whose text has this SHA-256: `doc-` and 16 hex digits.
///
/// ```
/// let sha = readout_model::sha256_hex(b"text");
/// assert_eq!(readout_model::document_id(&sha), format!("doc-{}", &sha[..16]));
/// ```
pub fn document_id(sha256: &str) -> String {
    let end = sha256.len().min(16);
    format!("doc-{}", &sha256[..end])
}

/// A lower-case, hyphen-separated form of `name` for use in ids: letters and
/// digits kept (lower-cased), everything else folded into single hyphens.
///
/// ```
/// assert_eq!(readout_model::slug("Sergey  Lavrov"), "sergey-lavrov");
/// assert_eq!(readout_model::slug("G20 (Group of 20)"), "g20-group-of-20");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '\u{2019}' {
            gap = true;
        }
    }
    if out.is_empty() {
        out.push_str("unnamed");
    }
    out
}

/// The id of a meeting: its date (or `undated`), the sorted participant ids
/// and its kind, joined by hyphens.
///
/// ```
/// let id = readout_model::meeting_id(Some("2023-09-18"), &["wang-yi", "sergey-lavrov"], "meeting");
/// assert_eq!(id, "2023-09-18-sergey-lavrov-wang-yi-meeting");
/// ```
pub fn meeting_id<S: AsRef<str>>(date: Option<&str>, participants: &[S], kind: &str) -> String {
    let mut ids: Vec<&str> = participants.iter().map(AsRef::as_ref).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = date.unwrap_or("undated").to_owned();
    for id in ids {
        out.push('-');
        out.push_str(id);
    }
    out.push('-');
    out.push_str(kind);
    out
}

/// Makes every id in `ids` unique by appending `-2`, `-3` … to the later
/// repeats, in order; returns the new ids.
///
/// ```
/// let ids = readout_model::unique_ids(vec!["a".into(), "b".into(), "a".into()]);
/// assert_eq!(ids, ["a", "b", "a-2"]);
/// ```
pub fn unique_ids(ids: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let taken: std::collections::HashSet<String> = ids.iter().cloned().collect();
    ids.into_iter()
        .map(|id| {
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                return id;
            }
            loop {
                let candidate = format!("{id}-{n}");
                if !taken.contains(&candidate) {
                    return candidate;
                }
                *n += 1;
            }
        })
        .collect()
}
