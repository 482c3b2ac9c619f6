//! Breed pages.

use ratatui::text::Line;

use super::{Builder, PageContext};
use crate::views::BreedDetail;

pub(super) fn breed(b: &mut Builder, d: &BreedDetail, cx: PageContext<'_>) {
    b.line(Line::styled(d.breed.to_string(), b.theme.heading()));
    if !d.sub_breeds.is_empty() {
        b.heading("Sub-breeds");
        for sub in &d.sub_breeds {
            b.raw("  ");
            b.link(sub.clone());
            b.end_line();
        }
        b.more(d.sub_breeds.more(), "sub-breeds");
    }
    b.heading("Random photo");
    if cx.images {
        b.line(Line::styled("n shows another", b.theme.dim()));
    } else {
        b.line(Line::styled(
            format!("[image: {}]", d.image_url),
            b.theme.dim(),
        ));
        b.line(Line::styled("n shows another", b.theme.dim()));
    }
}
