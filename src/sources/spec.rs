//! What a registered source is: plain data saying where its API lives, how its list and its
//! items are read from the JSON bodies, and what its page shows. No code of its own: the
//! client (`api::record`), the mapping (`fetch::record`) and the page (`ui::page::record`) are
//! shared by every registered source.
//!
//! JSON values are named by JSON Pointers (RFC 6901: `/results`, `/firmness/name`, `/0/id`);
//! `""` is the whole value.

/// A JSON API with a list and a detail page, shown as a tab of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSpec {
    /// The source's one-word name, in lower case: the stored-key prefix (`berry:cheri`), the
    /// `apidex get <id>` noun, the `[sources] <id>_url` and `[ttl] <id>` settings, the
    /// `APIDEX_<ID>_URL` variable, `--source-url <id>=URL`, and the `tab_<id>` key action.
    pub id: &'static str,
    /// The plural, for `apidex list <plural>`.
    pub plural: &'static str,
    /// The tab's title.
    pub title: &'static str,
    /// The API's name, for the status bar and `--help`.
    pub api_name: &'static str,
    /// Where the API lives when no setting says.
    pub home: Home,
    /// How the tab's list is read.
    pub list: ListSpec,
    /// How one item is fetched and shown.
    pub item: ItemSpec,
}

/// Where a registered source's API lives by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// A base URL of its own.
    Own(&'static str),
    /// On PokeAPI: the PokeAPI base URL in effect (`--pokeapi-url` moves it too).
    PokeApi,
    /// On JSONPlaceholder's base URL in effect.
    JsonPlaceholder,
    /// On the Dog API's base URL in effect.
    DogApi,
}

/// How the list is read: one request, and the next pages a body links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListSpec {
    /// The path under the base URL, segments separated by `/` (`berry`).
    pub path: &'static str,
    /// The query string, if any (`limit=100000`).
    pub query: Option<&'static str>,
    /// Pointer to the array of items in the body (`/results`; `""` when the body is the array).
    pub items: &'static str,
    /// Pointer to the next page's URL, for APIs that page their lists. Followed only on the
    /// base URL's own scheme, host and port, and at most [`MAX_PAGES`] times.
    pub next: Option<&'static str>,
    /// Pointer, in each item, to the value that names it in [`ItemSpec::path`].
    pub key: &'static str,
    /// Pointer, in each item, to its title in the list.
    pub title: &'static str,
    /// Pointer, in each item, to a second column (an author, a status).
    pub secondary: Option<&'static str>,
    /// Where the row's number (`#7`) comes from.
    pub number: Option<Number>,
}

impl RecordSpec {
    /// The leading path segments its list and its items share (`["berry"]`): where under its
    /// base URL its pages are, apart from its home's (its TTL applies there only).
    pub fn own_path(&self) -> Vec<&'static str> {
        self.list
            .path
            .split('/')
            .zip(self.item.path.split('/'))
            .take_while(|(list, item)| list == item && !item.contains("{key}"))
            .map(|(segment, _)| segment)
            .filter(|segment| !segment.is_empty())
            .collect()
    }
}

/// The most pages of one list apidex reads.
pub const MAX_PAGES: usize = 100;

/// Where a number shown beside a title comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// The value at this pointer.
    At(&'static str),
    /// The last path segment of the URL at this pointer (PokeAPI's `…/berry/7/`).
    UrlAt(&'static str),
}

/// How one item is fetched and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemSpec {
    /// The item's path under the base URL, `{key}` standing for its key (`berry/{key}`).
    pub path: &'static str,
    /// What a typed key can be.
    pub key_kind: KeyKind,
    /// Pointer to the page's heading.
    pub title: &'static str,
    /// Where the heading's number comes from.
    pub number: Option<Number>,
    /// The page's fields, in order.
    pub fields: &'static [Field],
}

/// What a key typed or given on the command line can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// A whole number (`#` in front allowed).
    Number,
    /// A name, compared in lower case with spaces as `-` (`Cheri` → `cheri`).
    Slug,
}

/// One line of a page: a label and the value at a pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// What the line is called.
    pub label: &'static str,
    /// Pointer to the value. A string, number or boolean is shown as it is; an array as its
    /// elements joined by `, ` (each read through [`Field::each`] when given); an object, or
    /// a value that is not there, as `—`.
    pub pointer: &'static str,
    /// For an array: pointers into each element, their values joined by a space
    /// (`["/flavor/name", "/potency"]` → `spicy 10`).
    pub each: &'static [&'static str],
    /// What the value names, as the kind of a stored key (`type`: the value `fire` is the fire
    /// type's page, `type:fire`), so the field is a link `Enter` opens. Any kind apidex stores
    /// works: `pokemon`, `ability`, `type`, `move`, `post`, `user`, `breed`, or a registered
    /// source's id.
    pub link: Option<&'static str>,
}

impl Field {
    /// A field showing the value at `pointer`.
    pub const fn at(label: &'static str, pointer: &'static str) -> Self {
        Self {
            label,
            pointer,
            each: &[],
            link: None,
        }
    }

    /// A field showing the value at `pointer` as a link to the item of kind `link` it names.
    pub const fn link(label: &'static str, pointer: &'static str, link: &'static str) -> Self {
        Self {
            label,
            pointer,
            each: &[],
            link: Some(link),
        }
    }

    /// A field showing the array at `pointer`, each element through `each`.
    pub const fn each(
        label: &'static str,
        pointer: &'static str,
        each: &'static [&'static str],
    ) -> Self {
        Self {
            label,
            pointer,
            each,
            link: None,
        }
    }
}
