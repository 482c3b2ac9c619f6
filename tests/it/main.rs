//! apidex's integration tests, as one test binary: one module per area, one shared support
//! module (`support/`: the fixture server, the effect driver, the loop driver, the pty driver,
//! the lists built by the production mapping).
//!
//! One binary instead of one per file: the test code links once against apidex and its
//! dependencies instead of about sixty times, which is most of the suite's build time.
//! Nothing here needs a process of its own: the pty tests run the real binary as a child under
//! python's pseudo-terminal, and no test sets process-wide state (environment, panic hook,
//! current directory) in the test process itself.

mod support;

mod api;
mod app_flow;
mod batch;
mod bounded;
mod cache;
mod cache_writer;
mod cli;
mod config;
mod config_twice;
mod connectivity;
mod depth;
mod evolution_steps;
mod export;
mod faults;
mod help_tabs;
mod hostile;
mod http_cache;
mod json_filter_apart;
mod json_links;
mod json_view;
mod keys_hostile;
mod layers;
mod live_config;
mod live_hold;
mod live_session;
mod live_tab;
mod loop_lifecycle;
mod matchups;
mod migrate;
mod moves;
mod names;
mod names_misses;
mod offline;
mod panic_restore;
mod picture_reasons;
mod pictures;
mod poisoning;
mod posts_list;
mod proptest_app;
mod reach_flow;
mod refresh_flow;
mod request_info;
mod retire_flow;
mod run_loop;
mod saved_views;
mod settings;
mod sources;
mod store;
mod terminal_signals;
mod tiny;
mod tls;
mod ui_snapshots;
mod watch;
mod wide_text;
