//! Unit tests of the freshness judgement (the client against a server: `tests/http_cache*.rs`).
#![allow(clippy::unwrap_used)]

use http::header::HeaderName;

use super::*;

fn url() -> Url {
    Url::parse("http://127.0.0.1/api/v2/pokemon/25").unwrap()
}

fn entry(response: &[(&str, &str)], request: &HeaderMap, age: Duration) -> CachedResponse {
    let mut headers = HeaderMap::new();
    for (name, value) in response {
        headers.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    CachedResponse {
        body: b"{}".to_vec(),
        status: 200,
        fetched_at: SystemTime::now() - age,
        etag: None,
        max_age: None,
        headers: Some(StoredHeaders {
            request: encode(request),
            response: encode(&headers),
        }),
    }
}

const DAY: Duration = Duration::from_secs(86_400);

#[test]
fn headers_survive_encoding() {
    let mut headers = HeaderMap::new();
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    headers.append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    headers.insert(header::ETAG, HeaderValue::from_static("W/\"a:b\""));
    assert_eq!(decode(&encode(&headers)), headers);
    assert!(decode(b"no colon\r\n\xff bad: x\r\n").is_empty());
}

#[test]
fn the_age_it_arrived_with_counts() {
    let e = entry(
        &[("cache-control", "max-age=86400"), ("age", "82800")],
        request_headers(),
        Duration::ZERO,
    );
    let judged = judge(&e, &url(), DAY, SystemTime::now());
    assert!(judged.fresh);
    assert!(
        judged.age >= Duration::from_secs(82_800),
        "{:?}",
        judged.age
    );
    // An hour and a bit later it is stale: a day old in all.
    let later = SystemTime::now() + Duration::from_secs(3_700);
    assert!(!judge(&e, &url(), DAY, later).fresh);
}

#[test]
fn s_maxage_is_for_shared_caches_only() {
    let e = entry(
        &[("cache-control", "max-age=60, s-maxage=86400")],
        request_headers(),
        Duration::from_secs(120),
    );
    assert!(!judge(&e, &url(), DAY, SystemTime::now()).fresh);
}

#[test]
fn hostile_ages_and_clocks_do_not_crash() {
    for age in [
        "18446744073709551615",
        "99999999999999999999999",
        "-5",
        "soon",
        "",
    ] {
        let e = entry(
            &[("cache-control", "max-age=60"), ("age", age)],
            request_headers(),
            Duration::ZERO,
        );
        let judged = judge(&e, &url(), DAY, SystemTime::now());
        let numeric = age.bytes().all(|b| b.is_ascii_digit()) && !age.is_empty();
        assert_eq!(judged.fresh, !numeric, "Age: {age}");
        let far = UNIX_EPOCH + Duration::from_secs(LAST_SANE_SECOND + 10);
        assert!(!judge(&e, &url(), DAY, far).fresh);
    }
}
