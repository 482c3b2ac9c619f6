//! Links, history, compare, matchups and search terms, at the `update` level, with real data:
//! effects are carried out by the real fetch functions against the local fixture server, and
//! their results fed back, until the app asks for nothing more.
//!
//! Split into the trail, a page's links, and the comparison; the helpers they share are here.

#![allow(clippy::unwrap_used)]

use apidex::api::Clients;
use apidex::app::{App, Hosts};
use apidex::model::ItemKey;
use apidex::msg::Msg;

use crate::support::settle::settle_strict as settle;

mod compare;
mod links;
mod trail;

/// An app with every list loaded from the fixture server.
async fn started() -> (App, Clients, crate::support::TestServer) {
    let server = crate::support::fixture_server().await;
    let clients = crate::support::clients(&server);
    let (mut app, effects) = App::new(Hosts::default());
    settle(&mut app, &clients, effects).await;
    (app, clients, server)
}

fn shown_key(app: &App) -> Option<ItemKey> {
    app.tab().detail.key.clone()
}

async fn open(app: &mut App, clients: &Clients, text: &str) {
    let mut effects = app.update(Msg::FocusSearch);
    for c in text.chars() {
        effects.extend(app.update(Msg::SearchInput(c)));
    }
    effects.extend(app.update(Msg::Confirm));
    settle(app, clients, effects).await;
}

/// Selects the link named `name` on the current page and opens it.
async fn follow(app: &mut App, clients: &Clients, target: &ItemKey) {
    let links = app.links();
    let index = links
        .iter()
        .position(|l| l == target)
        .unwrap_or_else(|| panic!("{target:?} is not a link on this page: {links:?}"));
    app.update(Msg::FocusDetail);
    let mut effects = Vec::new();
    for _ in 0..=index {
        effects.extend(app.update(Msg::Move(1)));
    }
    assert_eq!(app.tab().detail.link, Some(index));
    effects.extend(app.update(Msg::Confirm));
    settle(app, clients, effects).await;
}
