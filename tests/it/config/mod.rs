//! The config file, key bindings, theme and log: defaults from the bundled file, a user file
//! over them field by field, flags and environment over both, bad files reported by line,
//! rebound keys reaching the keymap, a theme colour reaching the screen, and fetch failures
//! reaching the log file.
//!
//! Split by what is configured: layers, problems, keys, theme and log.
#![allow(clippy::unwrap_used)]

mod keys;
mod layers;
mod problems;
mod theme_log;
