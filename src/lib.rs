//! apidex: a terminal browser and scriptable client for public JSON APIs — PokeAPI,
//! JSONPlaceholder and the Dog API.
//!
//! The library is the same code the `apidex` binary runs: [`api`] holds the HTTP clients,
//! [`cli`] the command line built on them.

pub mod api;
pub mod cli;
pub mod sanitize;
