//! `apidex list …`: one item a line.

use std::fmt::Write;

use super::output::{print, report_error};
use super::{EXIT_MISSING_OR_FAILED, EXIT_OK, ListKind};
use crate::api::origin::Origin;
use crate::api::{ApiError, Clients};
use crate::sanitize;

/// Runs `apidex list`; returns the exit status.
pub async fn run(clients: &Clients, what: ListKind) -> u8 {
    let mut origin = Origin::Network;
    let mut from = |o: Origin| origin = o;
    let text = match what {
        ListKind::Pokemon => clients.pokeapi.pokemon_index().await.map(|index| {
            from(index.origin);
            // Display names in the content language, the slug beside where it is not just the
            // name folded (`122 Mr. Mime  mr-mime`), as the browser's list shows them.
            let table = crate::names::NameTable::bundled();
            index
                .data
                .entries()
                .iter()
                .fold(String::new(), |mut out, e| {
                    let (name, slug) = table.shown(e.id, &e.name, clients.lang);
                    let _ = write!(out, "{} {}", e.id, sanitize::line(name));
                    if let Some(slug) = slug {
                        let _ = write!(out, "  {}", sanitize::line(slug));
                    }
                    out.push('\n');
                    out
                })
        }),
        ListKind::Posts => clients.jsonplaceholder.posts().await.map(|posts| {
            from(posts.origin);
            posts.data.iter().fold(String::new(), |mut out, p| {
                let _ = writeln!(out, "{} {}", p.id, sanitize::line(&p.title));
                out
            })
        }),
        ListKind::Users => clients.jsonplaceholder.users().await.map(|users| {
            from(users.origin);
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
            from(list.origin);
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
        ListKind::Record(record) => {
            crate::fetch::record::listed(clients, record)
                .await
                .map(|(entries, first)| {
                    if let Some(first) = first {
                        from(first);
                    }
                    entries.iter().fold(String::new(), |mut out, entry| {
                        if let Some(tag) = &entry.tag {
                            let _ = write!(out, "{} ", tag.trim_start_matches('#'));
                        }
                        let _ = writeln!(out, "{}", entry.title);
                        out
                    })
                })
        }
    };
    let offline = clients.http.options().offline;
    finish(what, text, origin, offline)
}

fn finish(what: ListKind, text: Result<String, ApiError>, origin: Origin, offline: bool) -> u8 {
    let kind = what.name();
    match text {
        Ok(text) => {
            super::provenance::report("list", kind, origin, offline);
            print(&text, EXIT_OK)
        }
        Err(err) => {
            report_error("list", kind, &err);
            EXIT_MISSING_OR_FAILED
        }
    }
}
