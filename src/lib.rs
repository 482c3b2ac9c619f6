//! apidex: a terminal browser and scriptable client for public JSON APIs — PokeAPI,
//! JSONPlaceholder and the Dog API.
//!
//! The library is the same code the `apidex` binary runs: [`api`] holds the HTTP clients,
//! [`cli`] the command line built on them, and [`app`], [`event`] and [`ui`] the browser
//! (state and update, the event loop, drawing).

pub mod api;
pub mod app;

pub mod cli;
pub mod config;
pub mod event;
pub mod export;
pub mod fetch;
pub mod images;
pub mod json_tree;
pub mod keymap;
pub mod live;
pub mod logging;
pub mod matchups;
pub mod model;
pub mod msg;
pub mod names;
pub mod sanitize;
pub mod snapshot;
pub mod sources;
pub mod store;
pub mod tui;
pub mod ui;
pub mod views;
