//! The page of any registered source's item: its heading, then a line per field with the
//! labels in one column.

use ratatui::text::Line;

use super::Builder;
use crate::views::record::RecordPage;

pub(super) fn page(b: &mut Builder, page: &RecordPage) {
    let heading = match &page.number {
        Some(number) => format!("#{number} {}", page.heading),
        None => page.heading.clone(),
    };
    b.line(Line::styled(heading, b.theme.heading()));
    b.line(Line::styled(
        page.source.spec().api_name.to_owned(),
        b.theme.dim(),
    ));
    b.blank();
    let width = page
        .fields
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0)
        .min(super::LABEL_MAX);
    for (i, (label, value)) in page.fields.iter().enumerate() {
        let label = super::short_label(label);
        b.span(format!("{label:<width$}  "), b.theme.dim());
        // In the order of `Detail::links`: the link fields, top to bottom.
        if page.links.iter().any(|(at, _)| *at == i) {
            b.link(value.clone());
        } else {
            b.raw(value.clone());
        }
        b.end_line();
    }
}
