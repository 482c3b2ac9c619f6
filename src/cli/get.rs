//! `apidex get …` and `apidex fetch URL…`.

use serde::de::IgnoredAny;

use super::output::{json_array, report_error, report_problems};
use super::{EXIT_MISSING_OR_FAILED, EXIT_OK, GetCommand, summary};
use crate::api::batch::fetch_in_order;
use crate::api::dogapi::models::BreedName;
use crate::api::jsonplaceholder::Collection;
use crate::api::pokeapi::Endpoint;
use crate::api::{Clients, Fetched, parse_http_url};

/// Runs `apidex get`, appending what it prints to `out`; returns the exit status.
pub async fn run(clients: &Clients, what: GetCommand, json: bool, out: &mut String) -> u8 {
    let poke = &clients.pokeapi;
    let offline = clients.http.options().offline;
    let jph = &clients.jsonplaceholder;
    match what {
        GetCommand::Pokemon { names } => {
            let results = poke.resources(Endpoint::Pokemon, names.clone()).await;
            emit(
                out,
                "pokemon",
                &names,
                &results,
                (json, offline),
                summary::pokemon,
            )
        }
        GetCommand::Ability { names } => {
            let results = poke.resources(Endpoint::Ability, names.clone()).await;
            emit(
                out,
                "ability",
                &names,
                &results,
                (json, offline),
                summary::ability,
            )
        }
        GetCommand::Species { names } => {
            let results = poke.resources(Endpoint::Species, names.clone()).await;
            emit(
                out,
                "species",
                &names,
                &results,
                (json, offline),
                summary::species,
            )
        }
        GetCommand::Type { names } => {
            let results = poke.resources(Endpoint::Type, names.clone()).await;
            emit(
                out,
                "type",
                &names,
                &results,
                (json, offline),
                summary::type_,
            )
        }
        GetCommand::Post { ids } => {
            let results = jph.items(Collection::Posts, ids.clone()).await;
            emit(
                out,
                "post",
                &labels(&ids),
                &results,
                (json, offline),
                summary::post,
            )
        }
        GetCommand::User { ids } => {
            let results = jph.items(Collection::Users, ids.clone()).await;
            emit(
                out,
                "user",
                &labels(&ids),
                &results,
                (json, offline),
                summary::user,
            )
        }
        GetCommand::Todo { ids } => {
            let results = jph.items(Collection::Todos, ids.clone()).await;
            emit(
                out,
                "todo",
                &labels(&ids),
                &results,
                (json, offline),
                summary::todo,
            )
        }
        GetCommand::Comments { posts } => {
            let concurrency = clients.http.options().concurrency;
            let results = fetch_in_order(posts.clone(), concurrency, |id| {
                let jph = jph.clone();
                async move { jph.post_comments(id).await }
            })
            .await;
            emit(
                out,
                "comments of post",
                &labels(&posts),
                &results,
                (json, offline),
                |c| summary::comments(c),
            )
        }
        GetCommand::Breeds => match clients.dogapi.breeds().await {
            // The JSON form is the one response itself, not an array of one.
            Ok(list) if json => {
                super::provenance::report("breed list", "", list.origin, offline);
                out.push_str(&crate::sanitize::json(list.raw_json()));
                out.push('\n');
                EXIT_OK
            }
            Ok(list) => {
                super::provenance::report("breed list", "", list.origin, offline);
                out.push_str(&summary::breeds(&list.data));
                EXIT_OK
            }
            Err(err) => {
                report_error("breed list", "", &err);
                EXIT_MISSING_OR_FAILED
            }
        },
        GetCommand::Dog { breeds, count } => {
            let names = breeds.iter().map(|b| BreedName::parse(b)).collect();
            let results = clients.dogapi.random_images_many(names, count).await;
            emit(
                out,
                "breed",
                &breeds,
                &results,
                (json, offline),
                summary::images,
            )
        }
    }
}

/// Runs `apidex fetch URL…`: always JSON, one array in argument order, appended to `out`.
pub async fn fetch_urls(clients: &Clients, urls: Vec<String>, out: &mut String) -> u8 {
    let concurrency = clients.http.options().concurrency;
    let results: Vec<Fetched<IgnoredAny>> = fetch_in_order(urls.clone(), concurrency, |url| {
        let http = clients.http.clone();
        async move { http.get_json(parse_http_url(&url)?).await }
    })
    .await;
    let all_found = report_problems("URL", &urls, &results);
    super::provenance::report_all("URL", &urls, &results, clients.http.options().offline);
    out.push_str(&json_array(&results));
    status(all_found)
}

/// Prints results (one JSON array, or readable summaries), names problems on stderr, and
/// returns the exit status.
fn emit<T>(
    out: &mut String,
    kind: &str,
    labels: &[String],
    results: &[Fetched<T>],
    (json, offline): (bool, bool),
    summarize: impl Fn(&T) -> String,
) -> u8 {
    let all_found = report_problems(kind, labels, results);
    super::provenance::report_all(kind, labels, results, offline);
    let text = if json {
        json_array(results)
    } else {
        let summaries: Vec<String> = results
            .iter()
            .filter_map(|r| r.as_ref().ok().and_then(Option::as_ref))
            .map(|resource| summarize(&resource.data))
            .collect();
        summaries.join("\n")
    };
    out.push_str(&text);
    status(all_found)
}

fn status(all_found: bool) -> u8 {
    if all_found {
        EXIT_OK
    } else {
        EXIT_MISSING_OR_FAILED
    }
}

fn labels(ids: &[u32]) -> Vec<String> {
    ids.iter().map(u32::to_string).collect()
}
