//! A tab's list: the loaded entries, the fuzzy filter over them, the selection and the marks.

use std::collections::BTreeSet;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use ratatui::widgets::ListState;

use super::haystack::score;
use super::loadable::Loadable;
use super::terms::{self, Query};
use crate::model::Term;
use crate::views::ListEntry;

/// A filter a search term puts on the entries.
type Allow<'a> = Box<dyn Fn(&ListEntry) -> bool + 'a>;

/// What a search term's member list looks like right now.
#[derive(Debug, Clone, Copy)]
pub enum TermState<'a> {
    /// Loaded: the names it stands for.
    Ready(&'a std::collections::HashSet<String>),
    /// Still being fetched.
    Pending,
    /// The API has no such type or generation (or it failed): treat the term as plain text.
    Unknown,
}

/// For lists without search terms (or before any are known).
pub fn no_terms(_: &Term) -> TermState<'static> {
    TermState::Unknown
}

/// A row on screen: which entry, and which characters of its title matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Index into the loaded entries.
    pub entry: usize,
    /// Character positions in the entry's title to highlight (sorted, unique).
    pub highlights: Vec<u32>,
}

/// How much work the filter has done: a paste of thousands of characters must not mean
/// thousands of passes over the whole list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FilterWork {
    /// Times the query was applied.
    pub passes: u64,
    /// Times it was applied to every entry (not only to the current matches).
    pub full_passes: u64,
    /// Entries scored by the fuzzy matcher, in all.
    pub scored: u64,
}

/// The list pane of one tab.
#[derive(Debug)]
pub struct ListPane {
    /// The entries, as loaded.
    pub entries: Loadable<Vec<ListEntry>>,
    /// Titles pre-converted for the matcher, parallel to the entries.
    haystacks: Vec<Vec<Utf32String>>,
    /// Names folded, parallel to the entries: an exact name outranks fuzzy matches.
    exact_keys: Vec<Vec<String>>,
    /// The search text.
    pub query: String,
    /// The rows shown: every entry when the query is empty, else the matches, best first.
    pub shown: Vec<Shown>,
    /// Selection (an index into `shown`) and scroll offset.
    pub state: ListState,
    /// Marked entries (indices into the entries).
    pub marks: BTreeSet<usize>,
    /// The query `shown` was computed for, to refine incrementally as the user types.
    filtered_for: String,
    /// Whether `type:`/`gen:`/`dex:` terms are understood (the Pokémon list).
    pub terms_enabled: bool,
    /// A term whose member list is still loading: the list waits for it.
    pub pending_term: Option<String>,
    /// Enter was pressed while a term was loading: the best match opens when it arrives.
    pub open_when_ready: bool,
    /// The query is selected (right after `/`): the first key typed replaces it.
    pub query_selected: bool,
    /// The filter's work so far (counted, so a test can bound it).
    pub work: FilterWork,
    matcher: Matcher,
}

impl Default for ListPane {
    fn default() -> Self {
        Self {
            entries: Loadable::Idle,
            haystacks: Vec::new(),
            exact_keys: Vec::new(),
            query: String::new(),
            shown: Vec::new(),
            state: ListState::default(),
            marks: BTreeSet::new(),
            filtered_for: String::new(),
            terms_enabled: false,
            pending_term: None,
            open_when_ready: false,
            query_selected: false,
            work: FilterWork::default(),
            matcher: Matcher::new(Config::DEFAULT),
        }
    }
}

impl ListPane {
    /// Installs freshly loaded entries, keeping the query (re-applied) and dropping old marks.
    pub fn set_entries(&mut self, entries: Vec<ListEntry>) {
        self.set_entries_with(entries, &no_terms);
    }

    /// Like [`ListPane::set_entries`], resolving search terms with `resolve`.
    pub fn set_entries_with<'a>(
        &mut self,
        entries: Vec<ListEntry>,
        resolve: &dyn Fn(&Term) -> TermState<'a>,
    ) {
        self.haystacks = entries.iter().map(super::haystack::haystacks).collect();
        self.exact_keys = entries.iter().map(super::haystack::exact_keys).collect();
        self.entries = Loadable::Loaded(entries);
        self.marks.clear();
        self.filtered_for.clear();
        self.refilter(resolve);
        self.state
            .select(if self.shown.is_empty() { None } else { Some(0) });
    }

    /// Replaces the entries with a fresh copy of the same list (the server is back), keeping
    /// what the user did: the query, the marks and the selection, by item.
    pub fn refresh_entries_with<'a>(
        &mut self,
        entries: Vec<ListEntry>,
        resolve: &dyn Fn(&Term) -> TermState<'a>,
    ) {
        let old = self.all();
        let marked: std::collections::HashSet<_> = self
            .marks
            .iter()
            .filter_map(|&i| old.get(i))
            .map(|e| e.key.clone())
            .collect();
        let selected = self.selected().map(|e| e.key.clone());
        self.set_entries_with(entries, resolve);
        let all = self.all();
        let marks = (0..all.len())
            .filter(|&i| marked.contains(&all[i].key))
            .collect();
        let row = selected.and_then(|key| {
            self.shown
                .iter()
                .position(|s| all.get(s.entry).is_some_and(|e| e.key == key))
        });
        self.marks = marks;
        if row.is_some() {
            self.state.select(row);
        }
    }

    /// The loaded entries (empty while loading or failed).
    pub fn all(&self) -> &[ListEntry] {
        self.entries.loaded().map_or(&[], Vec::as_slice)
    }

    /// The entry behind row `row` of the shown list.
    pub fn entry_at(&self, row: usize) -> Option<&ListEntry> {
        self.shown.get(row).and_then(|s| self.all().get(s.entry))
    }

    /// The selected entry.
    pub fn selected(&self) -> Option<&ListEntry> {
        self.entry_at(self.state.selected()?)
    }

    /// The selected entry's index into the entries.
    pub fn selected_index(&self) -> Option<usize> {
        self.shown.get(self.state.selected()?).map(|s| s.entry)
    }

    /// Moves the selection by `delta` rows, clamped to the list. Returns whether it changed.
    pub fn move_by(&mut self, delta: isize) -> bool {
        if self.shown.is_empty() {
            return false;
        }
        let last = self.shown.len() - 1;
        let current = self.state.selected().unwrap_or(0);
        let next = current.saturating_add_signed(delta).min(last);
        self.select(next)
    }

    /// Selects row `row` (clamped). Returns whether the selection changed.
    pub fn select(&mut self, row: usize) -> bool {
        if self.shown.is_empty() {
            return false;
        }
        let row = row.min(self.shown.len() - 1);
        let changed = self.state.selected() != Some(row);
        self.state.select(Some(row));
        changed
    }

    /// Sets the query and refilters. Returns whether the selected entry changed.
    pub fn set_query(&mut self, query: String) -> bool {
        self.set_query_with(query, &no_terms)
    }

    /// Like [`ListPane::set_query`], resolving search terms with `resolve`.
    pub fn set_query_with<'a>(
        &mut self,
        query: String,
        resolve: &dyn Fn(&Term) -> TermState<'a>,
    ) -> bool {
        let before = self.selected_index();
        self.query = query;
        self.refilter(resolve);
        // Best match first: a new query puts the selection on top.
        self.state
            .select(if self.shown.is_empty() { None } else { Some(0) });
        *self.state.offset_mut() = 0;
        before != self.selected_index()
    }

    /// Refilters with the same query (a term's member list arrived). Returns whether the selected
    /// entry changed.
    pub fn refresh<'a>(&mut self, resolve: &dyn Fn(&Term) -> TermState<'a>) -> bool {
        let query = self.query.clone();
        self.filtered_for.clear();
        self.set_query_with(query, resolve)
    }

    /// The remote terms (`type:`, `gen:`) in the current query.
    pub fn remote_terms(&self) -> Vec<Term> {
        if !self.terms_enabled {
            return Vec::new();
        }
        terms::parse(&self.query)
            .terms
            .into_iter()
            .filter(Term::is_remote)
            .collect()
    }

    /// Marks or unmarks the selected entry.
    pub fn toggle_mark(&mut self) {
        if let Some(entry) = self.selected_index()
            && !self.marks.remove(&entry)
        {
            self.marks.insert(entry);
        }
    }

    /// Marks every row shown.
    pub fn mark_all_shown(&mut self) {
        self.marks.extend(self.shown.iter().map(|s| s.entry));
    }

    /// Recomputes `shown` for the query. Typing more characters only narrows the current
    /// matches, so only those are rescored (each keystroke gets cheaper as the list shrinks, and
    /// a long paste typed key by key soon rescores nothing).
    fn refilter<'a>(&mut self, resolve: &dyn Fn(&Term) -> TermState<'a>) {
        let entries = match &self.entries {
            Loadable::Loaded(entries) => entries.as_slice(),
            _ => &[],
        };
        self.pending_term = None;
        let parsed = if self.terms_enabled {
            terms::parse(&self.query)
        } else {
            Query {
                terms: Vec::new(),
                text: self.query.trim().to_owned(),
            }
        };
        // Terms narrow the candidates; unknown ones go back into the text.
        let mut text = parsed.text.clone();
        let mut allowed: Vec<Allow<'a>> = Vec::new();
        for term in &parsed.terms {
            match term {
                Term::Dex(low, high) => {
                    let (low, high) = (*low, *high);
                    allowed.push(Box::new(move |e| {
                        e.id.is_some_and(|id| (low..=high).contains(&id))
                    }));
                }
                remote => match resolve(remote) {
                    TermState::Ready(names) => {
                        allowed.push(Box::new(move |e| terms::admits(names, e)));
                    }
                    TermState::Pending => {
                        self.pending_term = Some(remote.to_string());
                        self.shown.clear();
                        self.filtered_for.clear();
                        return;
                    }
                    TermState::Unknown => {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                        text.push_str(&remote.to_string());
                    }
                },
            }
        }
        let query = text.trim();
        let number: Option<u32> = query.trim_start_matches('#').parse().ok();
        // Appending to a query narrows it — a new word is one more atom every match must
        // have — unless it negates, anchors at the end or escapes.
        let refining = !self.filtered_for.is_empty()
            && parsed.terms.is_empty()
            && query.starts_with(self.filtered_for.as_str())
            && !query.contains(['!', '$', '^', '\'', '\\']);
        self.work.passes += 1;
        let candidates = if refining {
            super::haystack::refined(&self.shown, entries, number)
        } else {
            self.work.full_passes += 1;
            (0..entries.len())
                .filter(|&i| allowed.iter().all(|allow| allow(&entries[i])))
                .collect()
        };
        self.filtered_for.clear();
        if query.is_empty() {
            self.shown = candidates
                .into_iter()
                .map(|entry| Shown {
                    entry,
                    highlights: Vec::new(),
                })
                .collect();
            return;
        }
        self.shown = self.ranked(candidates, query, number);
        if parsed.terms.is_empty() {
            query.clone_into(&mut self.filtered_for);
        }
    }

    /// The candidates matching `query`, best first, with their highlights.
    fn ranked(&mut self, candidates: Vec<usize>, query: &str, number: Option<u32>) -> Vec<Shown> {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let folded = super::haystack::folded_pattern(query);
        // Folds to nothing (`...`): no row's name is exactly that.
        let query_key = Some(crate::names::fold(query)).filter(|k| !k.is_empty());
        self.work.scored += candidates.len() as u64;
        let mut scored: Vec<(u32, Shown)> = Vec::new();
        let mut indices = Vec::new();
        for entry in candidates {
            indices.clear();
            let texts = &self.haystacks[entry];
            let fuzzy = score(
                &pattern,
                folded.as_ref(),
                texts,
                &mut self.matcher,
                &mut indices,
            );
            // An exact id (typing `25`) outranks every fuzzy match, then an exact name.
            let exact_id = number.is_some() && self.entry_id(entry) == number;
            let score = match (exact_id, fuzzy) {
                (true, _) => u32::MAX,
                (false, Some(_))
                    if query_key
                        .as_ref()
                        .is_some_and(|k| self.exact_keys[entry].contains(k)) =>
                {
                    u32::MAX - 1
                }
                (false, Some(score)) => score,
                (false, None) => continue,
            };
            indices.sort_unstable();
            indices.dedup();
            let highlights = if fuzzy.is_some() {
                indices.clone()
            } else {
                Vec::new()
            };
            scored.push((score, Shown { entry, highlights }));
        }
        // Best first; equal scores keep the source's order (dex order, post order).
        scored.sort_by(|(a, x), (b, y)| b.cmp(a).then(x.entry.cmp(&y.entry)));
        scored.into_iter().map(|(_, shown)| shown).collect()
    }

    fn entry_id(&self, entry: usize) -> Option<u32> {
        match &self.entries {
            Loadable::Loaded(entries) => entries.get(entry).and_then(|e| e.id),
            _ => None,
        }
    }
}
