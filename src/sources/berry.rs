//! PokeAPI's berries (`/berry`), a registered source: a list of 68 and a page each.

use super::spec::{Field, Home, ItemSpec, KeyKind, ListSpec, Number, RecordSpec};

/// The Berries tab, `apidex get berry cheri`, `apidex list berries`.
pub const SPEC: RecordSpec = RecordSpec {
    id: "berry",
    plural: "berries",
    title: "Berries",
    api_name: "PokeAPI",
    home: Home::PokeApi,
    list: ListSpec {
        path: "berry",
        query: Some("limit=100000"),
        items: "/results",
        next: Some("/next"),
        key: "/name",
        title: "/name",
        secondary: None,
        number: Some(Number::UrlAt("/url")),
    },
    item: ItemSpec {
        path: "berry/{key}",
        key_kind: KeyKind::Slug,
        title: "/name",
        number: Some(Number::At("/id")),
        fields: &[
            Field::at("Firmness", "/firmness/name"),
            Field::each("Flavors", "/flavors", &["/flavor/name", "/potency"]),
            Field::link("Natural gift", "/natural_gift_type/name", "type"),
            Field::at("Gift power", "/natural_gift_power"),
            Field::at("Growth time", "/growth_time"),
            Field::at("Max harvest", "/max_harvest"),
            Field::at("Size (mm)", "/size"),
            Field::at("Smoothness", "/smoothness"),
            Field::at("Soil dryness", "/soil_dryness"),
            Field::at("Item", "/item/name"),
        ],
    },
};
