//! Answers to the effects the app asked for: list and detail results (sometimes stale, sometimes
//! failed), pictures, remembered marks and imaginary effects.

use apidex::api::ApiError;
use apidex::api::origin::{Cause, Origin};
use apidex::matchups::TypeChart;
use apidex::model::RequestId;
use apidex::model::Term;
use apidex::model::{ItemKey, Source};
use apidex::msg::{Effect, Msg, RetryTarget};
use apidex::sanitize::line;
use apidex::store::marks::Remembered;
use apidex::views::{Detail, ListEntry};

use super::data;
use super::hostile::hostile_strings;
use super::strategies::{Answer, pick};

pub(super) fn error(a: &Answer) -> ApiError {
    pick(&data().errors, a.item)
}

pub(super) fn detail_for(key: &ItemKey, a: &Answer) -> Detail {
    let d = data();
    // Mostly the kind of page the key names; sometimes any page at all.
    let pool: &[Detail] = match (a.outcome % 8, key) {
        (7, _) => match a.item.index(7) {
            0 => &d.pokemon,
            1 => &d.abilities,
            2 => &d.types,
            3 => &d.posts,
            4 => &d.users,
            5 => &d.moves,
            _ => &d.breeds,
        },
        (_, ItemKey::Pokemon(_)) => &d.pokemon,
        (_, ItemKey::Ability(_)) => &d.abilities,
        (_, ItemKey::Type(_)) => &d.types,
        (_, ItemKey::Post(_)) => &d.posts,
        (_, ItemKey::User(_)) => &d.users,
        (_, ItemKey::Breed(_)) => &d.breeds,
        (_, ItemKey::Move(_)) => &d.moves,
        (_, ItemKey::Record(..)) => &d.records,
    };
    pick(pool, a.item)
}

pub(super) fn list_result(source: Source, a: &Answer) -> Result<Vec<ListEntry>, ApiError> {
    let all = &data().lists[source.index()];
    match a.outcome % 6 {
        0 => Err(error(a)),
        1 => Ok(Vec::new()),
        2 => {
            // A random window of the real list.
            let start = a.item.index(all.len());
            Ok(all[start..all.len().min(start + 40)].to_vec())
        }
        _ => Ok(all.clone()),
    }
}

/// A result for `effect`, with the effect's request id unless the answer is stale.
#[allow(clippy::too_many_lines)] // one arm per kind of effect
pub(super) fn respond(effect: &Effect, a: &Answer) -> Msg {
    let id = |req: RequestId| a.stale.map_or(req, RequestId);
    let d = data();
    match effect {
        Effect::FetchList { source, req } if a.outcome % 7 == 5 => Msg::Served {
            target: RetryTarget::List(*source),
            req: id(*req),
            origin: origin(a),
        },
        Effect::FetchDetail { source, req, .. } if a.outcome % 11 == 10 => Msg::Served {
            target: RetryTarget::Detail(*source),
            req: id(*req),
            origin: origin(a),
        },
        Effect::FetchList { source, req } if a.outcome % 7 == 6 => Msg::Retrying {
            target: RetryTarget::List(*source),
            req: id(*req),
            attempt: u32::from(a.outcome % 4),
            of: 3,
        },
        Effect::FetchList { source, req } => Msg::ListLoaded {
            source: *source,
            req: id(*req),
            result: list_result(*source, a),
        },
        Effect::FetchDetail {
            source, req, key, ..
        } => {
            let req = id(*req);
            let result = match a.outcome % 6 {
                0 => {
                    return Msg::Retrying {
                        target: RetryTarget::Detail(*source),
                        req,
                        attempt: 1,
                        of: u32::from(a.outcome),
                    };
                }
                1 => Err(error(a)),
                2 => Ok(None),
                _ => Ok(Some(detail_for(key, a))),
            };
            Msg::DetailLoaded {
                source: *source,
                req,
                key: key.clone(),
                result,
            }
        }
        Effect::FetchBatch { source, req, items } => {
            let source = *source;
            let req = id(*req);
            // Past the end now and then: an index the batch does not have.
            let index = items
                .get(a.item.index(items.len() + 1))
                .map_or(items.len(), |(i, _)| *i);
            let result = match a.outcome % 6 {
                0 | 1 => return Msg::BatchItemStarted { source, req, index },
                2 => {
                    return Msg::Retrying {
                        target: RetryTarget::BatchItem(source, index),
                        req,
                        attempt: 2,
                        of: 3,
                    };
                }
                3 => Ok(Some(line(&pick(&hostile_strings(), a.item)).into_owned())),
                4 => Ok(None),
                _ => Err(error(a)),
            };
            Msg::BatchItemLoaded {
                source,
                req,
                index,
                result,
            }
        }
        Effect::FetchCards { req, items } => {
            let index = items
                .get(a.item.index(items.len() + 1))
                .map_or(items.len(), |(i, _)| *i);
            let result = match a.outcome % 5 {
                0 => Err(error(a)),
                1 => Ok(None),
                // Mostly the two real starters: equal stat names make a full table.
                2 => Ok(Some(pick(&d.cards, a.item))),
                _ => Ok(Some(d.cards[usize::from(a.outcome % 2)].clone())),
            };
            Msg::CardLoaded {
                req: id(*req),
                index,
                result,
            }
        }
        Effect::FetchTypeChart { req } => Msg::TypeChartLoaded {
            req: id(*req),
            result: if a.outcome.is_multiple_of(4) {
                Err(error(a))
            } else if a.outcome % 4 == 1 {
                Ok(TypeChart::default())
            } else {
                Ok(d.chart.clone())
            },
        },
        Effect::FetchTerm { term, req } => {
            let names: Vec<String> = d.lists[0]
                .iter()
                .skip(a.item.index(d.lists[0].len()))
                .take(30)
                .map(|e| e.title.clone())
                .collect();
            Msg::TermLoaded {
                term: term.clone(),
                req: id(*req),
                result: match a.outcome % 4 {
                    0 => Err(error(a)),
                    1 => Ok(None),
                    2 => Ok(Some(Vec::new())),
                    _ => Ok(Some(names)),
                },
            }
        }
        Effect::FetchImage { url, req, .. } => Msg::ImageLoaded {
            url: url.clone(),
            req: id(*req),
            result: if a.outcome.is_multiple_of(2) {
                Ok(None)
            } else {
                Err(pick(&hostile_strings(), a.item))
            },
        },
        // Never kept as outstanding (`Run::track` drops them).
        Effect::LoadSaved { kind } => Msg::SavedLoaded {
            kind: *kind,
            result: if a.outcome.is_multiple_of(3) {
                Err(pick(&hostile_strings(), a.item))
            } else {
                Ok(remembered(a))
            },
        },
        Effect::Saved(saved) => Msg::Saved(apidex::msg::SavedMsg::Changed {
            kind: saved.kind(),
            result: if a.outcome.is_multiple_of(2) {
                Ok(())
            } else {
                Err(pick(&hostile_strings(), a.item))
            },
        }),
        Effect::LoadSearches => Msg::SearchesLoaded(
            hostile_strings()
                .into_iter()
                .take(a.item.index(20))
                .collect(),
        ),
        Effect::ToggleBookmark { item } => Msg::BookmarkToggled {
            key: item.key.clone(),
            result: match a.outcome % 3 {
                0 => Err(pick(&hostile_strings(), a.item)),
                1 => Ok(false),
                _ => Ok(true),
            },
        },
        Effect::Export { name, .. } => Msg::Exported(if a.outcome.is_multiple_of(2) {
            Ok(std::path::PathBuf::from(format!(
                "/tmp/apidex-export/{name}.json"
            )))
        } else {
            Err(pick(&hostile_strings(), a.item))
        }),
        Effect::OpenInBrowser { url } => Msg::BrowserOpened {
            url: url.clone(),
            result: Err(pick(&hostile_strings(), a.item)),
        },
        // Effects with no answer (cancellations, records) and any added since.
        _ => Msg::Tick,
    }
}

/// Where answers came from.
pub(super) fn origin(a: &Answer) -> Origin {
    let age = std::time::Duration::from_secs(u64::from(a.outcome) * 3607);
    match a.outcome % 4 {
        0 => Origin::Network,
        1 => Origin::Cache { age },
        2 => Origin::Stale {
            age,
            cause: Cause::Status(503),
        },
        _ => Origin::Snapshot {
            cause: Cause::Unreachable,
        },
    }
}

/// Bookmarks or history as the store returns them: keys of every kind, real and hostile labels.
pub(super) fn remembered(a: &Answer) -> Vec<Remembered> {
    let d = data();
    let mut items = Vec::new();
    for (i, list) in d.lists.iter().enumerate() {
        for entry in list.iter().skip(a.item.index(list.len())).take(5 + i) {
            items.push(Remembered {
                key: format!("{:?}", entry.key),
                label: entry.title.clone(),
            });
        }
    }
    items.extend(hostile_strings().into_iter().map(|s| Remembered {
        key: s.clone(),
        label: s,
    }));
    items.truncate(a.item.index(items.len() + 1));
    items
}

/// An effect nobody asked for, so that results arrive with nothing outstanding too.
pub(super) fn imaginary(a: &Answer) -> Effect {
    let req = RequestId(a.stale.unwrap_or(u64::from(a.outcome)));
    let source = a.source;
    match a.outcome % 7 {
        0 => Effect::FetchList { source, req },
        1 => Effect::FetchDetail {
            source,
            req,
            // Its own list's length: the Berries' (68 and the hostile ones) is under 100.
            key: {
                let list = &data().lists[source.index()];
                list[a.item.index(list.len())].key.clone()
            },
            sub_breeds: Vec::new(),
            debounce: false,
        },
        2 => Effect::FetchBatch {
            source,
            req,
            items: vec![(0, ItemKey::Post(1)), (1, ItemKey::Post(2))],
        },
        3 => Effect::FetchCards {
            req,
            items: vec![(0, ItemKey::Pokemon("bulbasaur".into()))],
        },
        4 => Effect::FetchTypeChart { req },
        5 => Effect::FetchTerm {
            term: Term::Type("ghost".into()),
            req,
        },
        _ => Effect::FetchImage {
            url: "http://127.0.0.1:9/x.png".into(),
            req,
            pixel_art: true,
        },
    }
}
