//! [`Keymap`]: which key does what, in each of the two modes the browser's keys have —
//! browsing (the list, the detail, the overlays) and typing a search.
//!
//! A key may do one thing while browsing and another while typing (`Ctrl-U` pages up in the
//! list once rebound, and still clears the search box while typing), so rebinding a key in one
//! mode does not unbind it in the other.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Key, KeyAction, KeyParseError, Scope};

/// The value that removes a default binding in the config file (`"c" = "none"`).
pub const UNBIND: &str = "none";

/// Which key does what, per mode. Starts as [`super::default_bindings`]; [`Keymap::bind`] (the config
/// file's `[keys]`) and [`Keymap::bind_search`] (`[search_keys]`) change one key at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// While browsing: keys and their actions, in the order the help lists alternatives. One
    /// entry per key.
    browse: Vec<(Key, KeyAction)>,
    /// While typing a search: the keys that are not text, one entry per key.
    search: Vec<(Key, KeyAction)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let parsed: Vec<(Key, KeyAction)> = super::default_bindings()
            .filter_map(|(key, action)| Some((key.parse().ok()?, action)))
            .collect();
        Self {
            browse: parsed
                .iter()
                .copied()
                .filter(|(_, a)| a.applies(false))
                .collect(),
            search: parsed
                .into_iter()
                .filter(|(k, a)| a.applies(true) && !k.edits_search())
                .collect(),
        }
    }
}

impl Keymap {
    /// Binds `key` (config spelling, e.g. `"ctrl-d"`) to the action named `action` (e.g.
    /// `"page_down"`): a `[keys]` entry. The key does it while browsing, and while typing too
    /// when the action makes sense there, unless the search box gives that key a job of its own
    /// (`Ctrl-U` keeps clearing the search box). An action that exists only while typing
    /// (`search_clear`) is bound while typing only. [`UNBIND`] removes the key's bindings in
    /// both modes.
    ///
    /// # Errors
    /// A one-line reason when the key or the action name is unknown; the keymap is unchanged.
    pub fn bind(&mut self, key: &str, action: &str) -> Result<(), String> {
        let Some((key, action)) = parse(key, action)? else {
            let key = parse_key(key)?;
            self.browse.retain(|(k, _)| *k != key);
            self.search.retain(|(k, _)| *k != key);
            return Ok(());
        };
        if action.scope() == Scope::Typing && key.edits_search() {
            return Err(format!(
                "{:?} works only while typing a search, where {:?} edits the search box",
                action.name(),
                key.to_string()
            ));
        }
        if action.applies(false) {
            set(&mut self.browse, key, action);
        }
        let searching_job = self
            .action(key, true)
            .is_some_and(|a| a.scope() == Scope::Typing);
        let for_search = match action.scope() {
            Scope::Typing => true,
            Scope::Anywhere => !searching_job,
            Scope::NotTyping => false,
        };
        if for_search && !key.edits_search() {
            set(&mut self.search, key, action);
        }
        Ok(())
    }

    /// Binds `key` to `action` while typing a search only: a `[search_keys]` entry.
    /// [`UNBIND`] removes the key's binding while typing.
    ///
    /// # Errors
    /// An unknown key or action, a key that is text (it types into the box), or an action that
    /// does nothing while typing; the keymap is unchanged.
    pub fn bind_search(&mut self, key: &str, action: &str) -> Result<(), String> {
        let Some((parsed, action)) = parse(key, action)? else {
            let key = parse_key(key)?;
            self.search.retain(|(k, _)| *k != key);
            return Ok(());
        };
        if parsed.edits_search() {
            return Err(format!(
                "{key:?} types into the search box and cannot be bound while typing"
            ));
        }
        if !action.applies(true) {
            return Err(format!(
                "{:?} does nothing while typing a search (bind it in [keys])",
                action.name()
            ));
        }
        set(&mut self.search, parsed, action);
        Ok(())
    }

    /// What `key` does while typing a search (`typing`) or while browsing. A key with Shift
    /// held (other than a character) that is not bound itself does what it does without Shift.
    pub fn action(&self, key: Key, typing: bool) -> Option<KeyAction> {
        let table = if typing { &self.search } else { &self.browse };
        let find = |key: Key| table.iter().find(|(k, _)| *k == key).map(|(_, a)| *a);
        find(key).or_else(|| key.without_shift().and_then(find))
    }

    /// Whether `key` empties the box being typed in: it is bound to `search_clear` while
    /// typing and is not a key the box takes for itself (text, Backspace). The search box and
    /// the JSON view's and Live tab's boxes ask the same question, so one binding clears all.
    pub fn clears(&self, key: Key) -> bool {
        !key.edits_search() && self.action(key, true) == Some(KeyAction::SearchClear)
    }

    /// Every binding while browsing, in the order the help lists them.
    pub fn bindings(&self) -> &[(Key, KeyAction)] {
        &self.browse
    }

    /// Every binding while typing a search.
    pub fn search_bindings(&self) -> &[(Key, KeyAction)] {
        &self.search
    }

    /// The keys bound to `action` in either mode, browsing first, each once.
    pub fn keys_for(&self, action: KeyAction) -> impl Iterator<Item = Key> + '_ {
        let browse = self.browse.iter().filter(move |(_, a)| *a == action);
        let search = self
            .search
            .iter()
            .filter(move |(k, a)| *a == action && !self.browse.contains(&(*k, action)));
        browse.chain(search).map(|(key, _)| *key)
    }

    /// The first key that runs `action` while typing a search (`typing`) or otherwise.
    pub fn first_key(&self, action: KeyAction, typing: bool) -> Option<Key> {
        let table = if typing { &self.search } else { &self.browse };
        table
            .iter()
            .find(|(_, a)| *a == action)
            .map(|(key, _)| *key)
    }

    /// The first key bound to `action` while browsing that `taken` does not claim, as the help
    /// writes it: what the JSON view and the Live tab name, whose own keys go first.
    pub(super) fn label_unless(
        &self,
        action: KeyAction,
        taken: impl Fn(Key) -> bool,
    ) -> Option<String> {
        self.browse
            .iter()
            .find(|(key, a)| *a == action && !taken(*key))
            .map(|(key, _)| key.label())
    }

    /// The first key of `action` as the help writes it (`Esc`, `c`, `PgDn`), in the mode
    /// given; `None` when no key does it there.
    pub fn label(&self, action: KeyAction, typing: bool) -> Option<String> {
        self.first_key(action, typing).map(Key::label)
    }

    /// The first keys of `actions` as the help writes them, joined by `sep`, leaving out the
    /// unbound: `Esc or c`.
    pub fn labels(&self, actions: &[KeyAction], sep: &str) -> String {
        let labels: Vec<String> = actions
            .iter()
            .filter_map(|a| self.label(*a, false))
            .collect();
        labels.join(sep)
    }

    /// A status-bar hint such as `↑↓ links`: the first key of each action, then `label`.
    /// `None` when none of the actions has a key.
    pub fn hint(&self, actions: &[KeyAction], label: &str, typing: bool) -> Option<String> {
        let keys: String = actions
            .iter()
            .filter_map(|a| self.first_key(*a, typing))
            .map(Key::short_label)
            .collect();
        (!keys.is_empty()).then(|| format!("{keys} {label}"))
    }
}

/// The key and action of a config entry; `None` for [`UNBIND`].
fn parse(key: &str, action: &str) -> Result<Option<(Key, KeyAction)>, String> {
    let parsed = parse_key(key)?;
    if action.trim() == UNBIND {
        return Ok(None);
    }
    let action = KeyAction::from_name(action).ok_or_else(|| {
        format!("unknown action {action:?} for key {key:?} (the README lists the actions)")
    })?;
    Ok(Some((parsed, action)))
}

fn parse_key(key: &str) -> Result<Key, String> {
    let parsed: Key = key.parse().map_err(|e: KeyParseError| e.to_string())?;
    if parsed == Key::new(KeyCode::Char('c'), KeyModifiers::CONTROL) {
        return Err("ctrl-c always quits and cannot be rebound".to_owned());
    }
    Ok(parsed)
}

/// Replaces what `key` does in `table`, or adds it where it belongs: a default key at its
/// default place, any other after the defaults in the order of its config spelling. So the
/// order (which key a hint names first) depends on what is bound, never on the order the
/// bindings were made in, and `config show` read back gives the same keymap.
fn set(table: &mut Vec<(Key, KeyAction)>, key: Key, action: KeyAction) {
    if let Some(binding) = table.iter_mut().find(|(k, _)| *k == key) {
        binding.1 = action;
        return;
    }
    let defaults: Vec<Option<Key>> = super::default_bindings()
        .map(|(spelled, _)| spelled.parse().ok())
        .collect();
    let rank = |key: &Key| {
        let default = defaults.iter().position(|k| *k == Some(*key));
        (default.unwrap_or(usize::MAX), key.to_string())
    };
    let new = rank(&key);
    let at = table
        .iter()
        .position(|(k, _)| rank(k) > new)
        .unwrap_or(table.len());
    table.insert(at, (key, action));
}
