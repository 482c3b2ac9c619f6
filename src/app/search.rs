//! The search box: editing the query (a query kept from before is selected, so typing replaces
//! it), and Enter, which opens the best match, fetches exactly what was typed, or — while a
//! search term's members are still loading — waits for them.

use super::loadable::Loadable;
use super::{App, Focus, resolve_term};
use crate::model::Term;
use crate::msg::Effect;
use crate::views::bounds::MAX_QUERY;

impl App {
    /// `/`: starts typing. A query kept from before is selected, so the first key typed
    /// replaces it ([`crate::msg::Msg::SearchEdit`] keeps it to edit).
    pub(super) fn focus_search(&mut self) -> Vec<Effect> {
        self.focus = Focus::Search;
        let list = &mut self.tab_mut().list;
        list.query_selected = !list.query.is_empty();
        vec![]
    }

    /// A character typed: replaces a selected query, else goes at its end.
    pub(super) fn search_input(&mut self, c: char) -> Vec<Effect> {
        let replace = std::mem::take(&mut self.tab_mut().list.query_selected);
        self.edit_query(move |q| {
            if replace {
                q.clear();
            }
            q.push(c);
        })
    }

    /// A paste: replaces a selected query, else goes at its end — as one edit (one filter
    /// pass), cut to what fits in [`MAX_QUERY`]. Line breaks and tabs become spaces: a query is
    /// one line.
    pub(super) fn search_paste(&mut self, text: &str) -> Vec<Effect> {
        let replace = std::mem::take(&mut self.tab_mut().list.query_selected);
        self.edit_query(move |q| {
            if replace {
                q.clear();
            }
            let room = MAX_QUERY.saturating_sub(q.chars().count());
            let pasted = text.chars().take(room);
            q.extend(pasted.map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            }));
        })
    }

    /// Backspace: deletes a selected query whole, else its last character.
    pub(super) fn search_backspace(&mut self) -> Vec<Effect> {
        let whole = std::mem::take(&mut self.tab_mut().list.query_selected);
        self.edit_query(move |q| {
            if whole {
                q.clear();
            } else {
                q.pop();
            }
        })
    }

    /// Keeps the selected query to edit: typing goes on from its end.
    pub(super) fn search_edit(&mut self) -> Vec<Effect> {
        self.tab_mut().list.query_selected = false;
        vec![]
    }

    pub(super) fn edit_query(&mut self, edit: impl FnOnce(&mut String)) -> Vec<Effect> {
        self.focus = Focus::Search;
        let list = &mut self.tabs[self.active.index()].list;
        list.query_selected = false;
        let mut query = list.query.clone();
        edit(&mut query);
        // Nothing changed (Esc or Backspace on an empty search): keep the selection where it is.
        if query == list.query {
            return vec![];
        }
        // Cap absurd pastes: nobody searches with more than a line of text. Keys past the cap
        // change nothing, so a paste typed key by key costs no filter pass after it.
        if query.chars().count() > MAX_QUERY {
            return vec![];
        }
        // A new query is a new question: an Enter waiting for the old one's term is dropped.
        list.open_when_ready = false;
        let terms = &self.terms;
        let changed = list.set_query_with(query, &|t| resolve_term(terms, t));
        // Terms never seen before need their member lists. One still on its way that the query
        // no longer has (a prefix typed on the way: `ability:o`, `ability:ov`…) is forgotten:
        // the runner drops its fetch unless it has gone out, and a later query asks again.
        let wanted = list.remote_terms();
        let mut effects = Vec::new();
        self.terms.retain(|t, state| {
            let keep = !matches!(state, Loadable::Loading { .. }) || wanted.contains(t);
            if !keep {
                effects.push(Effect::CancelTerm { term: t.clone() });
            }
            keep
        });
        let missing: Vec<Term> = wanted
            .into_iter()
            .filter(|t| !self.terms.contains_key(t))
            .collect();
        for term in missing {
            let req = self.req();
            self.terms.insert(term.clone(), Loadable::Loading { req });
            effects.push(Effect::FetchTerm { term, req });
        }
        if changed {
            effects.extend(self.fetch_selected(true));
        }
        effects
    }

    /// Enter in the search box: opens the best match, or fetches exactly what was typed. While
    /// a term (`gen:3`) is loading there is no best match yet, and the text is not a name:
    /// Enter waits, and opens the best match when the term arrives.
    pub(super) fn confirm_search(&mut self) -> Vec<Effect> {
        let tab = self.tab();
        if tab.list.pending_term.is_some() {
            self.tab_mut().list.open_when_ready = true;
            return vec![];
        }
        if tab.list.selected().is_some() {
            return self.open_selected();
        }
        // A term of the query could not load: that is why nothing matches; the text is not a
        // name to fetch.
        if let Some(why) = self.failed_term() {
            self.notice = Some(why);
            return vec![];
        }
        // Nothing in the list matches: fetch exactly what was typed.
        let query = tab.list.query.trim().to_owned();
        self.focus = Focus::Detail;
        match self.active.key_for_query(&query) {
            Some(key) => self.fetch_detail(key, false),
            None if query.is_empty() => {
                self.focus = Focus::List;
                vec![]
            }
            None => {
                // Not a name the source can have (`ぴかちゅ`, `a/b`): not found, with the
                // closest names, and no request to earn an HTTP 400.
                let suggestions = self.suggestions(self.active, &query);
                // A new page: the link, scroll and request of the one before do not carry over.
                self.tab_mut()
                    .detail
                    .show(None, Loadable::NotFound { query, suggestions });
                vec![]
            }
        }
    }

    /// `gen:2 could not load: …` when a term of the active list's query failed to load (why
    /// the list is empty, and why Enter fetches nothing).
    pub fn failed_term(&self) -> Option<String> {
        self.tab()
            .list
            .remote_terms()
            .into_iter()
            .find_map(|t| match self.terms.get(&t) {
                Some(Loadable::Failed(err)) => Some(format!("{t} could not load: {err}")),
                _ => None,
            })
    }

    /// A term arrived: an Enter that waited for it goes through now.
    pub(super) fn open_if_waiting(&mut self, source: crate::model::Source) -> Vec<Effect> {
        let list = &mut self.tabs[source.index()].list;
        if !list.open_when_ready || list.pending_term.is_some() {
            return vec![];
        }
        list.open_when_ready = false;
        if source != self.active {
            return vec![];
        }
        self.confirm_search()
    }
}
