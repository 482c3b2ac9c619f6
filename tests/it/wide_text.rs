//! Japanese text stays inside the detail pane: wide characters (and U+3000 IDEOGRAPHIC SPACE,
//! folded to a space by the text cleaner) are two cells, and no line crosses the border.
#![allow(clippy::unwrap_used)]

use apidex::model::ItemKey;
use apidex::names::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::support::{clients, fixture_server};

#[tokio::test]
async fn eevee_in_japanese_keeps_inside_the_border() {
    let server = fixture_server().await;
    let clients = clients(&server).with_lang(Lang::Ja);
    let detail = apidex::fetch::detail(&clients, &ItemKey::Pokemon("eevee".into()), Vec::new())
        .await
        .unwrap()
        .unwrap();
    // The text pane of an 80x24 screen with --no-images, and some around it.
    for inner in [30u16, 44, 46, 47] {
        let page = crate::support::pages::page(&detail, false, inner);
        let text: Vec<String> = page.lines.iter().map(ToString::to_string).collect();
        let text = text.join("\n");
        assert!(
            text.contains("相手の"),
            "the ability text is Japanese: {text}"
        );
        let height = u16::try_from(page.lines.len()).unwrap() + 2;
        let mut terminal = Terminal::new(TestBackend::new(inner + 2, height)).unwrap();
        terminal
            .draw(|f| {
                let paragraph = Paragraph::new(page.lines.clone())
                    .block(Block::bordered())
                    .wrap(Wrap { trim: false });
                f.render_widget(paragraph, f.area());
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        for y in 1..height - 1 {
            assert_eq!(
                buffer[(inner + 1, y)].symbol(),
                "│",
                "width {inner}, row {y} crosses the border: {:?}",
                page.lines.get(usize::from(y - 1)).map(ToString::to_string)
            );
        }
    }
}
