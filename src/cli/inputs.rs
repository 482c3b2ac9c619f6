//! Checks on what the user typed, run by the parser: an input that can never be requested (an
//! empty name, `notaurl`) is a usage error (exit 2, before any request), not an item that
//! failed (exit 1), so a script can tell "you called me wrong" from "the API said no".

use crate::api::dogapi::models::BreedName;
use crate::api::{Case, encode_segment, parse_http_url};

/// A name or id for a PokeAPI resource: refused when it cannot be a path segment at all.
pub fn name(input: &str) -> Result<String, String> {
    encode_segment(input, Case::Keep).map_err(|err| err.to_string())?;
    Ok(input.to_owned())
}

/// `breed` or `breed/sub`: each part must be a name.
pub fn breed(input: &str) -> Result<String, String> {
    let parsed = BreedName::parse(input);
    name(&parsed.breed)?;
    if let Some(sub) = &parsed.sub {
        name(sub)?;
    }
    Ok(input.to_owned())
}

/// An absolute http(s) URL.
pub fn url(input: &str) -> Result<String, String> {
    parse_http_url(input).map_err(|err| err.to_string())?;
    Ok(input.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_can_never_be_requested_is_refused() {
        for bad in ["", "  ", "..", "."] {
            assert!(name(bad).is_err(), "{bad:?}");
        }
        assert!(breed("/afghan").is_err());
        assert_eq!(name("Mr. Mime").as_deref(), Ok("Mr. Mime"), "kept as typed");
        assert_eq!(breed("hound/afghan").as_deref(), Ok("hound/afghan"));
        for bad in ["notaurl", "ftp://example.com/x", "/pokemon/1"] {
            assert!(url(bad).is_err(), "{bad:?}");
        }
        assert!(url("http://127.0.0.1:1/x").is_ok());
    }
}
