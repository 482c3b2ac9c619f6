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
    let mut printer = Printer { out, json, offline };
    let jph = &clients.jsonplaceholder;
    match what {
        GetCommand::Pokemon { names } => {
            let results = poke.resources(Endpoint::Pokemon, names.clone()).await;
            printer.items("pokemon", &names, &results, summary::pokemon)
        }
        GetCommand::Ability { names } => {
            let results = poke.resources(Endpoint::Ability, names.clone()).await;
            printer.items("ability", &names, &results, summary::ability)
        }
        GetCommand::Species { names } => {
            let results = poke.resources(Endpoint::Species, names.clone()).await;
            printer.items("species", &names, &results, summary::species)
        }
        GetCommand::Type { names } => {
            let results = poke.resources(Endpoint::Type, names.clone()).await;
            printer.items("type", &names, &results, summary::type_)
        }
        GetCommand::Post { ids } => {
            let results = jph.items(Collection::Posts, ids.clone()).await;
            printer.items("post", &labels(&ids), &results, summary::post)
        }
        GetCommand::User { ids } => {
            let results = jph.items(Collection::Users, ids.clone()).await;
            printer.items("user", &labels(&ids), &results, summary::user)
        }
        GetCommand::Todo { ids } => {
            let results = jph.items(Collection::Todos, ids.clone()).await;
            printer.items("todo", &labels(&ids), &results, summary::todo)
        }
        GetCommand::Comments { posts } => {
            let concurrency = clients.http.options().concurrency;
            let results = fetch_in_order(posts.clone(), concurrency, |id| {
                let jph = jph.clone();
                async move { jph.post_comments(id).await }
            })
            .await;
            printer.items("comments of post", &labels(&posts), &results, |c| {
                summary::comments(c)
            })
        }
        GetCommand::Breeds => match clients.dogapi.breeds().await {
            // The JSON form is the one response itself, not an array of one.
            Ok(list) => {
                super::provenance::report("breed list", "", list.origin, offline);
                if json {
                    printer
                        .out
                        .push_str(&crate::sanitize::json(list.raw_json()));
                    printer.out.push('\n');
                } else {
                    printer.out.push_str(&summary::breeds(&list.data));
                }
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
            printer.items("breed", &breeds, &results, summary::images)
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

/// Where `get` writes, and how.
struct Printer<'a> {
    out: &'a mut String,
    json: bool,
    offline: bool,
}

impl Printer<'_> {
    /// Prints results (one JSON array, or readable summaries), names problems and answers that
    /// are not live on stderr, and returns the exit status.
    fn items<T>(
        &mut self,
        kind: &str,
        labels: &[String],
        results: &[Fetched<T>],
        summarize: impl Fn(&T) -> String,
    ) -> u8 {
        let all_found = report_problems(kind, labels, results);
        super::provenance::report_all(kind, labels, results, self.offline);
        let text = if self.json {
            json_array(results)
        } else {
            let summaries: Vec<String> = results
                .iter()
                .filter_map(|r| r.as_ref().ok().and_then(Option::as_ref))
                .map(|resource| summarize(&resource.data))
                .collect();
            summaries.join("\n")
        };
        self.out.push_str(&text);
        status(all_found)
    }
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
