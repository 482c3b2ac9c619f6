//! Base URLs of the sources and the URLs users type: absolute http(s) only.

use reqwest::Url;

use super::ApiError;

/// An API's base URL, such as `https://pokeapi.co/api/v2`, that resource paths are appended to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// Parses an absolute http(s) URL; a trailing slash is optional.
    ///
    /// # Errors
    /// [`ApiError::InvalidUrl`] when `input` is not an absolute http or https URL.
    pub fn parse(input: &str) -> Result<Self, ApiError> {
        let url = parse_http_url(input)?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(ApiError::InvalidUrl {
                url: input.to_owned(),
                reason: "a base URL cannot have a query or fragment".to_owned(),
            });
        }
        Ok(Self(url))
    }

    /// The base URL as text, without a trailing slash.
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    /// The host name, for the status bar.
    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or_default()
    }

    /// The host with its port when the URL names one (`127.0.0.1:18001`), never the user or
    /// password: what tells two local servers apart in the status bar.
    pub fn host_and_port(&self) -> String {
        match self.0.port() {
            Some(port) => format!("{}:{port}", self.host()),
            None => self.host().to_owned(),
        }
    }

    /// Appends already-encoded path segments (see [`super::encode_segment`]).
    pub fn join(&self, encoded_segments: &[&str]) -> Url {
        let mut text = self.as_str().to_owned();
        for segment in encoded_segments {
            text.push('/');
            text.push_str(segment);
        }
        // The base is a valid URL and every segment is percent-encoded, so this parses; keep the
        // base itself in the impossible case rather than panic.
        Url::parse(&text).unwrap_or_else(|_| self.0.clone())
    }
}

/// Parses `input` as an absolute http(s) URL.
///
/// # Errors
/// [`ApiError::InvalidUrl`] for anything else.
pub fn parse_http_url(input: &str) -> Result<Url, ApiError> {
    let invalid = |reason: String| ApiError::InvalidUrl {
        url: input.to_owned(),
        reason,
    };
    let url = Url::parse(input.trim()).map_err(|err| invalid(err.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "scheme {:?} is not http or https",
            url.scheme()
        )));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_bar_host_keeps_a_port_and_never_the_credentials() {
        let shown = |url: &str| BaseUrl::parse(url).expect("valid").host_and_port();
        assert_eq!(shown("https://pokeapi.co/api/v2"), "pokeapi.co");
        assert_eq!(
            shown("https://pokeapi.co:443/api/v2"),
            "pokeapi.co",
            "the default port"
        );
        assert_eq!(shown("http://127.0.0.1:18001/api/v2"), "127.0.0.1:18001");
        assert_eq!(shown("http://u:pw@127.0.0.1:18002"), "127.0.0.1:18002");
        assert_eq!(shown("http://[::1]:18003/api"), "[::1]:18003");
    }
}
