//! The bundled offline snapshot: with no server at all, `--offline` (or a network that refuses
//! every connection) still answers for what the snapshot holds, both from the command line and
//! from the library the browser runs on; what it does not hold fails with a clear message.
//!
//! Split into the binary and the clients.
#![allow(clippy::unwrap_used)]

mod berries;
mod cli;
mod pages;

/// A port on 127.0.0.1 where nothing listens.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Base URLs of the three sources, all at a port where nothing listens (laid out like the
/// replicas: PokeAPI under `/api/v2`, JSONPlaceholder at the root, the Dog API under `/api`).
fn dead_bases() -> [String; 3] {
    let origin = format!("http://127.0.0.1:{}", closed_port());
    [
        format!("{origin}/api/v2"),
        origin.clone(),
        format!("{origin}/api"),
    ]
}
