//! `apidex get …` and `apidex fetch URL…`: items fetched concurrently (bounded by
//! `--concurrency`) and written one by one as each is ready and every item before it is
//! written, so memory stays within the concurrency window whatever the number of items.

use std::future::Future;

use futures_util::future::BoxFuture;
use futures_util::{StreamExt, stream};
use serde::de::{DeserializeOwned, IgnoredAny};

use super::output::{report_error, report_not_found};
use super::sink::Sink;
use super::{EXIT_MISSING_OR_FAILED, EXIT_OK, GetCommand, provenance, summary};
use crate::api::dogapi::models::BreedName;
use crate::api::jsonplaceholder::{Collection, JsonPlaceholder};
use crate::api::pokeapi::{Endpoint, PokeApi};
use crate::api::{ApiError, Clients, Fetched, Resource, parse_http_url};
use crate::model::RecordId;

/// Runs `apidex get`, writing to `sink`; returns the exit status (before the sink is finished).
pub async fn run(clients: &Clients, what: GetCommand, sink: &mut Sink) -> u8 {
    let lang = clients.lang;
    let mut printer = Printer {
        sink,
        offline: clients.http.options().offline,
        concurrency: clients.http.options().concurrency,
        suggest: None,
    };
    let poke = &clients.pokeapi;
    let jph = clients.jsonplaceholder.clone();
    let id = u32::to_string;
    match what {
        GetCommand::Pokemon { names } => {
            // Names as typed (`Mr. Mime`, `ミュウ`) go out as the API's slugs.
            let fetch = typed_name(named(poke, Endpoint::Pokemon), crate::names::typed::pokemon);
            printer.suggest = Some((lang, crate::names::typed::suggestions));
            let summarize = |p: &_| summary::pokemon(p, lang);
            (printer.items("pokemon", names, String::clone, fetch, summarize)).await
        }
        GetCommand::Ability { names } => {
            let fetch = named(poke, Endpoint::Ability);
            let summarize = |a: &_| summary::ability(a, lang);
            printer
                .items("ability", names, String::clone, fetch, summarize)
                .await
        }
        GetCommand::Species { names } => {
            let fetch = typed_name(named(poke, Endpoint::Species), crate::names::typed::species);
            printer.suggest = Some((lang, crate::names::typed::species_suggestions));
            let summarize = |s: &_| summary::species(s, lang);
            (printer.items("species", names, String::clone, fetch, summarize)).await
        }
        GetCommand::Type { names } => {
            let fetch = named(poke, Endpoint::Type);
            printer
                .items("type", names, String::clone, fetch, summary::type_)
                .await
        }
        GetCommand::Post { ids } => {
            let fetch = numbered(&jph, Collection::Posts);
            printer.items("post", ids, id, fetch, summary::post).await
        }
        GetCommand::User { ids } => {
            let fetch = numbered(&jph, Collection::Users);
            printer.items("user", ids, id, fetch, summary::user).await
        }
        GetCommand::Todo { ids } => {
            let fetch = numbered(&jph, Collection::Todos);
            printer.items("todo", ids, id, fetch, summary::todo).await
        }
        GetCommand::Record { record, keys } => printer.records(clients, record, keys).await,
        GetCommand::Comments { posts } => {
            let fetch = move |post: u32| {
                let jph = jph.clone();
                async move { comments_of(&jph, post).await }
            };
            let summarize = |c: &Vec<_>| summary::comments(c);
            printer
                .items("comments of post", posts, id, fetch, summarize)
                .await
        }
        GetCommand::Breeds => match clients.dogapi.breeds().await {
            Ok(list) => {
                provenance::report("breed list", "", list.origin, printer.offline);
                // The JSON forms are the one response itself, not an array of one.
                let written = if printer.sink.is_text() {
                    printer.sink.whole(&summary::breeds(&list.data))
                } else {
                    let mut text = crate::sanitize::json(list.raw_json()).into_owned();
                    text.push('\n');
                    printer.sink.whole(&text)
                };
                match written {
                    Ok(()) => EXIT_OK,
                    Err(err) => printer.sink.failed(&err),
                }
            }
            Err(err) => {
                report_error("breed list", "", &err);
                // The JSON forms say `null` for what failed, so a script's parser gets JSON.
                if !printer.sink.is_text()
                    && let Err(err) = printer.sink.whole("null\n")
                {
                    return printer.sink.failed(&err);
                }
                EXIT_MISSING_OR_FAILED
            }
        },
        GetCommand::Dog { breeds, count } => {
            let dog = clients.dogapi.clone();
            let fetch = move |breed: String| {
                let dog = dog.clone();
                async move { dog.random_images(&BreedName::parse(&breed), count).await }
            };
            printer
                .items("breed", breeds, String::clone, fetch, summary::images)
                .await
        }
    }
}

/// The comments on post `id`; `None` (not found) when there is no such post. The API answers
/// `/posts/999/comments` with `[]` whether or not post 999 exists, so an empty list is checked
/// against the post itself: a post with no comments prints nothing, a missing one is named.
async fn comments_of(
    jph: &JsonPlaceholder,
    id: u32,
) -> Fetched<Vec<crate::api::jsonplaceholder::models::Comment>> {
    let comments = jph.post_comments(id).await?;
    match comments {
        Some(list) if list.data.is_empty() => Ok(jph
            .item::<IgnoredAny>(Collection::Posts, id)
            .await?
            .map(|_| list)),
        other => Ok(other),
    }
}

/// Fetches one PokeAPI resource of `endpoint` per name.
fn named<T: DeserializeOwned + Send + 'static>(
    poke: &PokeApi,
    endpoint: Endpoint,
) -> impl Fn(String) -> BoxFuture<'static, Fetched<T>> {
    let poke = poke.clone();
    move |name| {
        let poke = poke.clone();
        Box::pin(async move { poke.resource(endpoint, &name).await })
    }
}

/// Names as typed (`Mr. Mime`, `ミュウ`) go out as the API's slugs; one that can be no slug
/// (`ピカチ`, `a/b`) is not found without a request, so it gets "did you mean", not a 400.
fn typed_name<T: Send + 'static>(
    fetch: impl Fn(String) -> BoxFuture<'static, Fetched<T>>,
    resolve: fn(&str) -> Option<String>,
) -> impl Fn(String) -> BoxFuture<'static, Fetched<T>> {
    move |name: String| match resolve(&name) {
        Some(slug) => fetch(slug),
        None => Box::pin(async { Ok(None) }),
    }
}

/// Fetches one JSONPlaceholder item of `collection` per id.
fn numbered<T: DeserializeOwned + Send + 'static>(
    jph: &JsonPlaceholder,
    collection: Collection,
) -> impl Fn(u32) -> BoxFuture<'static, Fetched<T>> {
    let jph = jph.clone();
    move |id| {
        let jph = jph.clone();
        Box::pin(async move { jph.item(collection, id).await })
    }
}

/// Runs `apidex fetch URL…`: the bodies in argument order (JSON, or NDJSON), to `sink`.
pub async fn fetch_urls(clients: &Clients, urls: Vec<String>, sink: &mut Sink) -> u8 {
    let mut printer = Printer {
        sink,
        offline: clients.http.options().offline,
        concurrency: clients.http.options().concurrency,
        suggest: None,
    };
    let http = clients.http.clone();
    let fetch = move |url: String| {
        let http = http.clone();
        async move { http.get_json::<IgnoredAny>(parse_http_url(&url)?).await }
    };
    printer
        .items("URL", urls, String::clone, fetch, |_| String::new())
        .await
}

/// "did you mean" for a name as typed, in a content language.
type Suggester = fn(&str, crate::names::Lang) -> Vec<String>;

/// Writes items as they arrive, naming problems and answers that are not live on stderr.
struct Printer<'a> {
    sink: &'a mut Sink,
    offline: bool,
    concurrency: usize,
    /// For Pokémon names: a miss names the closest names in this language ("did you mean").
    suggest: Option<(crate::names::Lang, Suggester)>,
}

impl Printer<'_> {
    /// `apidex get <id> KEY…` for a registered source.
    async fn records(&mut self, clients: &Clients, record: RecordId, keys: Vec<String>) -> u8 {
        let client = clients.record(record).clone();
        let fetch = move |key: String| {
            let client = client.clone();
            async move { client.item(&key).await }
        };
        let summarize = |body: &_| summary::record(record, body);
        (self.items(record.spec().id, keys, String::clone, fetch, summarize)).await
    }

    /// Fetches every input (at most `concurrency` at once, each on a task of its own so bodies
    /// decode on every core), writes each result in input order as soon as it and all before it
    /// are done, and returns the exit status. A failed write stops everything (`| head`).
    async fn items<I, T, F, Fut>(
        &mut self,
        kind: &str,
        inputs: Vec<I>,
        label: impl Fn(&I) -> String,
        fetch: F,
        summarize: impl Fn(&T) -> String,
    ) -> u8
    where
        F: Fn(I) -> Fut,
        Fut: Future<Output = Fetched<T>> + Send + 'static,
        T: Send + 'static,
    {
        let labels: Vec<String> = inputs.iter().map(label).collect();
        // Spawned tasks do not inherit task-locals: `--verbose`'s observer goes along by hand.
        let observer = crate::api::exchange::current();
        let mut results = stream::iter(inputs)
            .map(|input| {
                let work = fetch(input);
                let task = match observer.clone() {
                    Some(observer) => tokio::spawn(crate::api::exchange::observe(observer, work)),
                    None => tokio::spawn(work),
                };
                async move {
                    task.await.unwrap_or_else(|err| {
                        Err(ApiError::Internal {
                            message: err.to_string(),
                        })
                    })
                }
            })
            .buffered(self.concurrency.max(1));
        let mut all_found = true;
        let mut labels = labels.iter();
        while let Some(result) = results.next().await {
            let label = labels.next().map_or("", String::as_str);
            let found = match &result {
                Ok(Some(resource)) => {
                    provenance::report(kind, label, resource.origin, self.offline);
                    Some(resource)
                }
                Ok(None) => {
                    let near = self
                        .suggest
                        .map(|(lang, suggest)| suggest(label, lang))
                        .unwrap_or_default();
                    report_not_found(kind, label, &near);
                    None
                }
                Err(err) => {
                    report_error(kind, label, err);
                    None
                }
            };
            all_found &= found.is_some();
            let summary = found.map(|r| summarize(&r.data));
            if let Err(err) = self.sink.item(found.map(Resource::raw_json), summary) {
                return self.sink.failed(&err);
            }
        }
        if all_found {
            EXIT_OK
        } else {
            EXIT_MISSING_OR_FAILED
        }
    }
}
