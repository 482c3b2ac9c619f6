//! A detail's page as the detail pane builds it, for tests that read its text or links: no link
//! selected, no type chart, the default theme.

use apidex::app::loadable::Loadable;
use apidex::ui::page::{Page, PageContext, build};
use apidex::views::Detail;

/// `detail`'s page, pictures on or off, its own wrapping at `width` cells (0: none).
pub fn page(detail: &Detail, images: bool, width: u16) -> Page {
    let theme = apidex::ui::theme::Theme::default();
    let chart = Loadable::Idle;
    build(
        detail,
        PageContext {
            selected_link: None,
            chart: &chart,
            images,
            shiny: false,
            theme: &theme,
            width,
        },
    )
}

/// The page's lines as text.
pub fn page_text(detail: &Detail, images: bool, width: u16) -> Vec<String> {
    page(detail, images, width)
        .lines
        .iter()
        .map(ToString::to_string)
        .collect()
}
