//! Unicode half-block drawing that keeps transparency.
//!
//! ratatui-image 10's half-block encoder flattens the alpha channel onto black, so a sprite's
//! transparent surroundings become a black box on a light terminal. Here each cell shows two
//! pixels — the upper one as `▀`'s foreground, the lower as its background — and a transparent
//! half gets [`Color::Reset`]: the terminal's own background shows through.

use std::sync::{Mutex, PoisonError};

use image::RgbaImage;
use image::imageops::{self, FilterType};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

/// Pixels with less alpha than this count as transparent (sprites are 0 or 255; a photo has no
/// alpha at all). Blending with the terminal's background is impossible: its colour is unknown.
pub const OPAQUE_FROM: u8 = 128;

/// A decoded picture for half-blocks, with its last scaling kept (drawing happens every frame,
/// scaling only when the area changes).
#[derive(Debug)]
pub struct HalfBlocks {
    image: RgbaImage,
    scaled: Mutex<Option<((u16, u16), RgbaImage)>>,
}

impl HalfBlocks {
    /// Wraps a decoded (already shrunk) image.
    pub fn new(image: RgbaImage) -> Self {
        Self {
            image,
            scaled: Mutex::new(None),
        }
    }

    /// Draws the picture scaled to fit `area` (proportions kept, one pixel per column and two
    /// per row), from its top-left corner; cells it does not cover are left alone.
    pub fn render(&self, buffer: &mut Buffer, area: Rect, filter: FilterType) {
        let area = area.intersection(buffer.area);
        if area.is_empty() || self.image.width() == 0 || self.image.height() == 0 {
            return;
        }
        // A poisoned lock only means an earlier draw panicked; the cache is still usable.
        let mut scaled = self.scaled.lock().unwrap_or_else(PoisonError::into_inner);
        let size = (area.width, area.height);
        if scaled.as_ref().is_none_or(|(at, _)| *at != size) {
            *scaled = Some((size, self.fit(area, filter)));
        }
        let Some((_, pixels)) = scaled.as_ref() else {
            return;
        };
        let rows = pixels.height().div_ceil(2);
        for row in 0..rows.min(u32::from(area.height)) {
            for col in 0..pixels.width().min(u32::from(area.width)) {
                let upper = colour(pixels, col, row * 2);
                let lower = colour(pixels, col, row * 2 + 1);
                // Both are within the area: `col`, `row` are below its width and height.
                let x = area.x + u16::try_from(col).unwrap_or(u16::MAX);
                let y = area.y + u16::try_from(row).unwrap_or(u16::MAX);
                let Some(cell) = buffer.cell_mut((x, y)) else {
                    continue;
                };
                match (upper, lower) {
                    (Some(up), low) => {
                        cell.set_char('▀')
                            .set_fg(up)
                            .set_bg(low.unwrap_or(Color::Reset));
                    }
                    (None, Some(low)) => {
                        cell.set_char('▄').set_fg(low).set_bg(Color::Reset);
                    }
                    (None, None) => {
                        cell.set_char(' ').set_fg(Color::Reset).set_bg(Color::Reset);
                    }
                }
            }
        }
    }

    /// The image scaled to fit `area`'s pixels (`width` × `2 × height`).
    fn fit(&self, area: Rect, filter: FilterType) -> RgbaImage {
        let (w, h) = (self.image.width(), self.image.height());
        let (room_w, room_h) = (u32::from(area.width), u32::from(area.height) * 2);
        let scale = (f64::from(room_w) / f64::from(w)).min(f64::from(room_h) / f64::from(h));
        let side = |n: u32, room: u32| {
            // Rounded, at least one pixel, never past the room (the float product is small
            // and positive).
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let n = (f64::from(n) * scale).round() as u32;
            n.clamp(1, room)
        };
        imageops::resize(&self.image, side(w, room_w), side(h, room_h), filter)
    }
}

/// The pixel's colour, or `None` when it is transparent or outside the image.
fn colour(pixels: &RgbaImage, col: u32, row: u32) -> Option<Color> {
    let [r, g, b, alpha] = pixels.get_pixel_checked(col, row)?.0;
    (alpha >= OPAQUE_FROM).then_some(Color::Rgb(r, g, b))
}
