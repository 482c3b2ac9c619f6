//! The picture pipeline: real sprite PNG and dog JPEG fixtures decoded and drawn as unicode
//! half-blocks into a `TestBackend`, checked by the colours of the cells.

#![allow(clippy::unwrap_used)]

use apidex::images::{self, MAX_SIDE};
use image::{ImageFormat, Rgb, RgbImage};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui_image::picker::Picker;

/// Draws `bytes` as half-blocks into a `width`×`height` buffer.
fn draw(bytes: &[u8], pixel_art: bool, width: u16, height: u16) -> ratatui::buffer::Buffer {
    let picture = images::decode(bytes, &Picker::halfblocks(), pixel_art).expect("decodes");
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| images::render(frame, &picture, Rect::new(0, 0, width, height)))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Cells painted with a true colour (a half-block, or a space whose background is the colour
/// where both halves of the cell are the same).
fn coloured_cells(buffer: &ratatui::buffer::Buffer) -> Vec<(u16, u16, Color, Color)> {
    let area = buffer.area;
    let mut cells = Vec::new();
    for y in 0..area.height {
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            if [" ", "▀", "▄", "█"].contains(&cell.symbol())
                && (matches!(cell.fg, Color::Rgb(..)) || matches!(cell.bg, Color::Rgb(..)))
            {
                cells.push((x, y, cell.fg, cell.bg));
            }
        }
    }
    cells
}

#[test]
fn pikachu_sprite_is_drawn_in_half_blocks_with_its_yellow() {
    let buffer = draw(
        &crate::support::fixture("pokeapi/sprites/25.png"),
        true,
        24,
        12,
    );
    let cells = coloured_cells(&buffer);
    assert!(cells.len() > 40, "only {} coloured cells", cells.len());
    // Pikachu is yellow: some cell's colour has strong red and green and little blue.
    let yellow = |c: Color| matches!(c, Color::Rgb(r, g, b) if r > 180 && g > 150 && b < 120);
    assert!(
        cells
            .iter()
            .any(|(_, _, fg, bg)| yellow(*fg) || yellow(*bg)),
        "no yellow among {cells:?}"
    );
}

#[test]
fn dog_photo_jpeg_is_drawn_with_its_colours() {
    let bytes = crate::support::fixture("dogapi/img/dog-01.jpg");
    let buffer = draw(&bytes, false, 32, 12);
    let cells = coloured_cells(&buffer);
    // A 192×144 photo scaled into 32×12 cells (24 pixel rows) covers most of the area.
    assert!(cells.len() > 32 * 8, "only {} coloured cells", cells.len());
    let distinct: std::collections::HashSet<String> = cells
        .iter()
        .flat_map(|(_, _, fg, bg)| [format!("{fg:?}"), format!("{bg:?}")])
        .collect();
    assert!(distinct.len() > 5, "a photo has many colours: {distinct:?}");
    // The picture's sky is light blue (top-left corner).
    let (_, _, _, corner) = cells
        .iter()
        .find(|(x, y, _, _)| (*x, *y) == (0, 0))
        .unwrap();
    assert!(
        matches!(corner, Color::Rgb(r, g, b) if *b > 200 && *g > 170 && *r < 180),
        "{corner:?}"
    );
}

#[test]
fn broken_bytes_are_an_error_not_a_panic() {
    let err = images::decode(b"<html>not a picture</html>", &Picker::halfblocks(), true)
        .expect_err("not an image");
    assert!(err.contains("not a picture"), "{err}");
    // A PNG cut in half.
    let png = crate::support::fixture("pokeapi/sprites/25.png");
    assert!(images::decode(&png[..png.len() / 2], &Picker::halfblocks(), true).is_err());
}

#[test]
fn oversize_pictures_are_shrunk_on_decode() {
    let big = RgbImage::from_fn(2000, 1000, |x, y| {
        Rgb([
            u8::try_from(x % 256).unwrap(),
            u8::try_from(y % 256).unwrap(),
            90,
        ])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    big.write_to(&mut bytes, ImageFormat::Png).unwrap();
    let picture = images::decode(bytes.get_ref(), &Picker::halfblocks(), false).unwrap();
    assert_eq!(picture.size, (MAX_SIDE, MAX_SIDE / 2));
    // Small ones are kept as they are.
    let sprite = images::decode(
        &crate::support::fixture("pokeapi/sprites/25.png"),
        &Picker::halfblocks(),
        true,
    )
    .unwrap();
    assert_eq!(sprite.size, (50, 46));
}

/// The colour a half-block cell should show for one pixel of the source: `None` if transparent.
fn expected(image: &image::RgbaImage, x: u32, y: u32) -> Option<Color> {
    let p = image.get_pixel_checked(x, y)?.0;
    (p[3] >= images::halfblocks::OPAQUE_FROM).then_some(Color::Rgb(p[0], p[1], p[2]))
}

#[test]
fn transparent_sprite_pixels_take_the_terminal_background() {
    let bytes = crate::support::fixture("pokeapi/sprites/25.png");
    let source = images::decode_bounded(&bytes).unwrap().into_rgba8();
    assert_eq!(source.dimensions(), (50, 46));
    // 50 × 23 cells: one pixel per column and two per row, so every cell can be checked
    // against the PNG itself.
    let buffer = draw(&bytes, true, 50, 23);
    let (mut blank, mut opaque) = (0, 0);
    for y in 0..23u16 {
        for x in 0..50u16 {
            let cell = &buffer[(x, y)];
            let (up, low) = (
                expected(&source, x.into(), u32::from(y) * 2),
                expected(&source, x.into(), u32::from(y) * 2 + 1),
            );
            let got = (cell.symbol(), cell.fg, cell.bg);
            let want = match (up, low) {
                (Some(up), low) => ("▀", up, low.unwrap_or(Color::Reset)),
                (None, Some(low)) => ("▄", low, Color::Reset),
                (None, None) => (" ", Color::Reset, Color::Reset),
            };
            assert_eq!(got, want, "cell ({x}, {y})");
            if up.is_none() && low.is_none() {
                blank += 1;
            } else {
                opaque += 1;
            }
        }
    }
    // The sprite's corners are transparent: blank cells, the terminal's own colours.
    for (x, y) in [(0, 0), (49, 0), (0, 22), (49, 22)] {
        let cell = &buffer[(x, y)];
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "({x}, {y})"
        );
    }
    assert!(blank > 300 && opaque > 300, "{blank} blank, {opaque} drawn");
}

#[test]
fn a_scaled_sprite_keeps_its_transparency() {
    // 24 × 12 cells: the sprite shrunk to 24 × 22 pixels (nearest neighbour keeps alpha 0/255).
    let buffer = draw(
        &crate::support::fixture("pokeapi/sprites/25.png"),
        true,
        24,
        12,
    );
    let corner = &buffer[(0, 0)];
    assert_eq!(
        (corner.symbol(), corner.fg, corner.bg),
        (" ", Color::Reset, Color::Reset)
    );
    let halves = buffer
        .content()
        .iter()
        .filter(|c| matches!(c.symbol(), "▀" | "▄") && c.bg == Color::Reset)
        .count();
    assert!(halves > 0, "the outline has half-transparent cells");
}
