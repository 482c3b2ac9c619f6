//! The API clients against the fixture server, one module per API, and how failures surface.

mod dogapi;
mod errors;
mod jsonplaceholder;
mod pokeapi;
