//! A registered source's list and pages: the requests ([`crate::api::record`]) and the pure
//! mapping from their JSON bodies to list entries and [`RecordPage`]s, by the source's
//! [`RecordSpec`] pointers. Public, so tests and benchmarks map fixtures exactly as the browser
//! does.

use serde_json::Value;

use crate::api::origin::Origin;
use crate::api::{ApiError, Clients};
use crate::model::{ItemKey, RecordId};
use crate::sources::{Field, Number};
use crate::views::ListEntry;
use crate::views::bounds::{MAX_BLURB, MAX_LINE, long_line, short};
use crate::views::record::{NONE, RecordPage};

/// Entries one list holds at most, however many pages a server sends.
pub const MAX_ENTRIES: usize = 100_000;

/// Loads `record`'s list: every page, mapped.
pub async fn list(clients: &Clients, record: RecordId) -> Result<Vec<ListEntry>, ApiError> {
    Ok(listed(clients, record).await?.0)
}

/// Loads `record`'s list, and where its first page came from. Each page is mapped as it
/// arrives; no page is asked for once [`MAX_ENTRIES`] are in.
pub async fn listed(
    clients: &Clients,
    record: RecordId,
) -> Result<(Vec<ListEntry>, Option<Origin>), ApiError> {
    let mut entries = Vec::new();
    let mut origin = None;
    clients
        .record(record)
        .list(|page| {
            origin.get_or_insert(page.origin);
            let room = MAX_ENTRIES - entries.len();
            entries.extend(record_entries(record, [&page.data]).into_iter().take(room));
            entries.len() < MAX_ENTRIES
        })
        .await?;
    Ok((entries, origin))
}

/// Loads the page of `record`'s item `key`; `Ok(None)` when there is none.
pub async fn page(
    clients: &Clients,
    record: RecordId,
    key: &str,
) -> Result<Option<RecordPage>, ApiError> {
    let item = clients.record(record).item(key).await?;
    Ok(item.map(|body| record_page(record, &body.data)))
}

/// The list entries in `pages` (each a list body), in order. An item without a usable key
/// (missing, blank, over [`MAX_LINE`] bytes, or with control characters) is left out: it
/// could not be fetched.
pub fn record_entries<'a>(
    record: RecordId,
    pages: impl IntoIterator<Item = &'a Value>,
) -> Vec<ListEntry> {
    let list = &record.spec().list;
    pages
        .into_iter()
        .filter_map(|page| page.pointer(list.items).and_then(Value::as_array))
        .flatten()
        .filter_map(|item| {
            let key = usable_key(item.pointer(list.key)?)?;
            let title = item
                .pointer(list.title)
                .map_or_else(|| key.clone(), |t| short(&shown(t)));
            let number = list.number.and_then(|n| number(item, n));
            Some(ListEntry {
                title,
                secondary: list
                    .secondary
                    .and_then(|p| item.pointer(p))
                    .map(|v| short(&shown(v))),
                tag: number.as_ref().map(|n| format!("#{n}")),
                parent: None,
                id: number.and_then(|n| n.parse().ok()),
                key: ItemKey::Record(record, key),
            })
        })
        .take(MAX_ENTRIES)
        .collect()
}

/// The page of one item's body.
pub fn record_page(record: RecordId, body: &Value) -> RecordPage {
    let item = &record.spec().item;
    RecordPage {
        source: record,
        heading: body
            .pointer(item.title)
            .map_or_else(|| NONE.to_owned(), |t| short(&shown(t))),
        number: item.number.and_then(|n| number(body, n)),
        fields: item
            .fields
            .iter()
            .map(|field| (field.label.to_owned(), field_value(body, field)))
            .collect(),
        links: item
            .fields
            .iter()
            .enumerate()
            .filter_map(|(i, field)| Some((i, field_link(body, field)?)))
            .collect(),
    }
}

/// The item a link field's value names, when it names one (a usable key of a kind apidex
/// stores).
fn field_link(body: &Value, field: &Field) -> Option<ItemKey> {
    let kind = field.link?;
    let key = usable_key(body.pointer(field.pointer)?)?;
    ItemKey::from_stored(&format!("{kind}:{key}"))
}

/// A field's value on one line, capped at [`MAX_BLURB`] bytes.
fn field_value(body: &Value, field: &Field) -> String {
    let Some(value) = body.pointer(field.pointer) else {
        return NONE.to_owned();
    };
    let text = match value {
        Value::Array(items) if !field.each.is_empty() => items
            .iter()
            .map(|item| {
                field
                    .each
                    .iter()
                    .filter_map(|p| item.pointer(p).map(shown))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => shown(other),
    };
    if text.is_empty() {
        return NONE.to_owned();
    }
    long_line(&text, MAX_BLURB)
}

/// A value as text: a string as it is, a number or boolean written out, an array's elements
/// joined by `, `, an object or null as nothing.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join(", "),
        Value::Object(_) | Value::Null => String::new(),
    }
}

/// The key an item is fetched by, when it can be one.
fn usable_key(value: &Value) -> Option<String> {
    let key = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let usable = !key.is_empty() && key.len() <= MAX_LINE && !key.chars().any(char::is_control);
    usable.then_some(key)
}

/// The number `spec` says an item has: a value, or the last segment of a URL.
fn number(item: &Value, spec: Number) -> Option<String> {
    let text = match spec {
        Number::At(pointer) => shown(item.pointer(pointer)?),
        Number::UrlAt(pointer) => item
            .pointer(pointer)?
            .as_str()?
            .trim_end_matches('/')
            .rsplit('/')
            .next()?
            .to_owned(),
    };
    let digits = !text.is_empty() && text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit());
    digits.then_some(text)
}
