//! The tabs, in the order the tab bar shows them and their digits select them: the built-in
//! sources, the Live tab, then every registered source. Registered sources come last so that
//! adding one never moves a key the user knows (`4` stays the Live tab).

use super::Source;

/// A tab: a source's, or the Live tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TabId {
    /// A source's tab.
    Source(Source),
    /// The Live tab (a WebSocket stream).
    Live,
}

impl TabId {
    /// How many tabs there are.
    pub const COUNT: usize = Source::COUNT + 1;

    /// Every tab, in tab-bar order.
    pub const ALL: [Self; Self::COUNT] = {
        let mut all = [Self::Live; Self::COUNT];
        let mut i = 0;
        while i < Source::COUNT {
            let tab = Self::Source(Source::ALL[i]);
            all[tab.index()] = tab;
            i += 1;
        }
        all
    };

    /// Position in [`TabId::ALL`] (the digit that selects it, less one).
    pub const fn index(self) -> usize {
        match self {
            Self::Live => Source::BUILT_IN,
            // The built-in sources, then (one place on, after Live) the registered ones.
            Self::Source(source) => {
                let i = source.index();
                if i < Source::BUILT_IN { i } else { i + 1 }
            }
        }
    }

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Source(source) => source.title(),
            Self::Live => "Live",
        }
    }

    /// The next tab, wrapping around.
    #[must_use]
    pub fn next(self) -> Self {
        Self::ALL[(self.index() + 1) % Self::COUNT]
    }

    /// The previous tab, wrapping around.
    #[must_use]
    pub fn prev(self) -> Self {
        Self::ALL[(self.index() + Self::COUNT - 1) % Self::COUNT]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_follows_the_built_in_sources_and_the_registered_ones_follow_it() {
        assert_eq!(TabId::ALL[0], TabId::Source(Source::Pokemon));
        assert_eq!(TabId::ALL[3], TabId::Live);
        for (n, tab) in TabId::ALL.into_iter().enumerate() {
            assert_eq!(tab.index(), n, "{tab:?}");
            assert_eq!(tab.next().prev(), tab);
        }
        for source in Source::ALL {
            assert!(TabId::ALL.contains(&TabId::Source(source)));
        }
        assert_eq!(TabId::Live.next().next().prev().prev(), TabId::Live);
        assert_eq!(TabId::ALL[TabId::COUNT - 1].next(), TabId::ALL[0]);
    }

    #[test]
    fn a_sources_next_and_previous_pass_live_and_visit_every_source() {
        let mut seen = Vec::new();
        let mut source = Source::Pokemon;
        for _ in 0..Source::COUNT {
            seen.push(source);
            assert_eq!(source.next().prev(), source);
            source = source.next();
        }
        assert_eq!(source, Source::Pokemon, "round after every source");
        let order: Vec<Source> = TabId::ALL
            .into_iter()
            .filter_map(|t| match t {
                TabId::Source(s) => Some(s),
                TabId::Live => None,
            })
            .collect();
        assert_eq!(seen, order);
    }
}
