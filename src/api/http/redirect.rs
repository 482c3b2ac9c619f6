//! Which redirects are followed: the same host (and http → https on it), the hosts pictures are
//! served from, and other hosts only when the user allows it. A redirect elsewhere could hand
//! apidex a stranger's answer under a trusted URL, to be shown and cached as if it were real.

use reqwest::redirect::{Attempt, Policy};

/// Hosts the APIs' own picture links point at (PokeAPI's sprites, the Dog API's photos), which
/// may redirect among themselves.
const PICTURE_HOSTS: [&str; 2] = ["raw.githubusercontent.com", "images.dog.ceo"];

/// The client's redirect policy: at most `max` hops, other hosts only if `cross_host`.
pub(super) fn policy(max: usize, cross_host: bool) -> Policy {
    Policy::custom(move |attempt| decide(attempt, max, cross_host))
}

fn decide(attempt: Attempt<'_>, max: usize, cross_host: bool) -> reqwest::redirect::Action {
    if attempt.previous().len() > max {
        return attempt.error(format!("more than {max} redirects"));
    }
    let first = attempt.previous().first();
    let next = attempt.url();
    let to = next.host_str();
    // The same server: host and port (on a real host another port is another service), or
    // the same host going from http to https.
    let same_server = first.is_some_and(|from| {
        from.host_str() == to
            && (from.port_or_known_default() == next.port_or_known_default()
                || (from.scheme() == "http" && next.scheme() == "https"))
    });
    let allowed = cross_host || same_server || to.is_some_and(|h| PICTURE_HOSTS.contains(&h));
    let downgrade = attempt
        .previous()
        .last()
        .is_some_and(|u| u.scheme() == "https")
        && attempt.url().scheme() == "http";
    if downgrade {
        return attempt.error("a redirect from https to plain http was refused");
    }
    if allowed {
        attempt.follow()
    } else {
        let target = crate::sanitize::line(attempt.url().as_str()).into_owned();
        attempt.error(format!(
            "a redirect to another server ({target}) was refused: apidex follows redirects on the same host and port only"
        ))
    }
}
