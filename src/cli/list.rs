//! `apidex list …`: one item a line.

use std::fmt::Write;

use super::output::{print, report_error};
use super::{EXIT_MISSING_OR_FAILED, EXIT_OK, ListKind};
use crate::api::{ApiError, Clients};
use crate::sanitize;

/// Runs `apidex list`; returns the exit status.
pub async fn run(clients: &Clients, what: ListKind) -> u8 {
    let text = match what {
        ListKind::Pokemon => clients.pokeapi.pokemon_index().await.map(|index| {
            index
                .data
                .entries()
                .iter()
                .fold(String::new(), |mut out, e| {
                    let _ = writeln!(out, "{} {}", e.id, sanitize::line(&e.name));
                    out
                })
        }),
        ListKind::Posts => clients.jsonplaceholder.posts().await.map(|posts| {
            posts.data.iter().fold(String::new(), |mut out, p| {
                let _ = writeln!(out, "{} {}", p.id, sanitize::line(&p.title));
                out
            })
        }),
        ListKind::Users => clients.jsonplaceholder.users().await.map(|users| {
            users.data.iter().fold(String::new(), |mut out, u| {
                let _ = writeln!(
                    out,
                    "{} {} (@{})",
                    u.id,
                    sanitize::line(&u.name),
                    sanitize::line(&u.username)
                );
                out
            })
        }),
        ListKind::Breeds => clients.dogapi.breeds().await.map(|list| {
            let mut out = String::new();
            for breed in &list.data.breeds {
                let name = sanitize::line(&breed.name);
                let _ = writeln!(out, "{name}");
                for sub in &breed.sub_breeds {
                    let _ = writeln!(out, "{name}/{}", sanitize::line(sub));
                }
            }
            out
        }),
    };
    finish(what, text)
}

fn finish(what: ListKind, text: Result<String, ApiError>) -> u8 {
    match text {
        Ok(text) => print(&text, EXIT_OK),
        Err(err) => {
            let kind = format!("{what:?}").to_lowercase();
            report_error("list", &kind, &err);
            EXIT_MISSING_OR_FAILED
        }
    }
}
