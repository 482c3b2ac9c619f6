//! The `apidex` binary's command line, run as a child process against the fixture server.

mod contract;
mod pipes;
mod run;
mod signals;
mod usage;
mod verbose;
