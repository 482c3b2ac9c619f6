//! Turning user-typed names into URL path segments that cannot change the path.
//!
//! A name typed by a user ends up in a URL such as `/pokemon/{name}`. Whatever it contains —
//! `../x`, `a/b`, `%2e`, spaces, unicode — it must stay one segment of that path: every byte that
//! is not unreserved is percent-encoded, and names made only of dots are refused because the URL
//! standard resolves `..` and `%2e%2e` as "parent directory" however they are spelled.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::ApiError;

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How a source normalises what a user typed before it becomes a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Keep the case as typed.
    Keep,
    /// Lower-case it (PokeAPI names are lower-case; the live API 404s on `Pikachu`).
    Lower,
}

/// Trims `input`, applies `case`, and percent-encodes it as a single path segment.
///
/// # Errors
/// [`ApiError::InvalidInput`] when the trimmed input is empty or made only of dots.
pub fn encode_segment(input: &str, case: Case) -> Result<String, ApiError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ApiError::InvalidInput {
            input: input.to_owned(),
            reason: "the name is empty",
        });
    }
    if trimmed.chars().all(|c| c == '.') {
        return Err(ApiError::InvalidInput {
            input: input.to_owned(),
            reason: "a name cannot be only dots",
        });
    }
    let normalised = match case {
        Case::Keep => trimmed.to_owned(),
        Case::Lower => trimmed.to_lowercase(),
    };
    Ok(utf8_percent_encode(&normalised, SEGMENT).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_pass_through_lowercased() {
        assert_eq!(
            encode_segment("  Pikachu ", Case::Lower).unwrap(),
            "pikachu"
        );
        assert_eq!(encode_segment("Mr-Mime", Case::Keep).unwrap(), "Mr-Mime");
    }

    #[test]
    fn separators_and_escapes_are_encoded() {
        assert_eq!(encode_segment("../x", Case::Keep).unwrap(), "..%2Fx");
        assert_eq!(encode_segment("a/b", Case::Keep).unwrap(), "a%2Fb");
        assert_eq!(encode_segment("%2e", Case::Keep).unwrap(), "%252e");
        assert_eq!(
            encode_segment("a b?c#d", Case::Keep).unwrap(),
            "a%20b%3Fc%23d"
        );
        assert_eq!(encode_segment("é", Case::Keep).unwrap(), "%C3%A9");
    }

    #[test]
    fn empty_and_dot_names_are_refused() {
        for bad in ["", "   ", ".", "..", " ... "] {
            assert!(
                matches!(
                    encode_segment(bad, Case::Keep),
                    Err(ApiError::InvalidInput { .. })
                ),
                "{bad:?} should be refused"
            );
        }
    }
}
