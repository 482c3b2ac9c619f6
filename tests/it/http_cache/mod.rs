//! HTTP caching by RFC 9111 against a local server that sends the headers (shared setup:
//! `support/rfc_cache.rs`).

mod hostile;
mod revalidation;
mod rules;
