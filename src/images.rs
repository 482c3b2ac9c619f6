//! Pictures in the terminal: decoding downloaded bytes into something ratatui-image can draw.
//!
//! Decoding happens off the UI task (the effect runner calls [`decode`] inside `spawn_blocking`);
//! the result is a [`Picture`] that the view draws with whatever protocol the terminal supports
//! (kitty, sixel, iTerm2 through ratatui-image; unicode half-blocks with true colour through our
//! own [`halfblocks`], which keeps transparency).

pub mod halfblocks;

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use image::DynamicImage;
use image::imageops::FilterType;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::StatefulProtocol;
use ratatui_image::{Resize, StatefulImage};

/// Larger pictures are shrunk to this many pixels on their longer side before anything else:
/// a terminal cell grid never needs more, and it bounds memory per cached picture.
pub const MAX_SIDE: u32 = 512;

/// A decoded picture, ready to draw. Cloning shares it (the protocol state inside resizes itself
/// to the area it is drawn in, and keeps that encoding until the area changes).
#[derive(Clone)]
pub struct Picture {
    drawing: Arc<Drawing>,
    /// Width and height of the decoded (possibly shrunk) image, in pixels.
    pub size: (u32, u32),
    /// Whether to scale with nearest-neighbour (pixel art such as sprites) or smoothly (photos).
    pub pixel_art: bool,
}

/// How a picture is drawn: a graphics protocol through ratatui-image, or our half-blocks.
enum Drawing {
    Protocol(Mutex<StatefulProtocol>),
    HalfBlocks(halfblocks::HalfBlocks),
}

impl fmt::Debug for Picture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Picture({}×{})", self.size.0, self.size.1)
    }
}

impl PartialEq for Picture {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.drawing, &other.drawing)
    }
}

/// Decodes image bytes (PNG, JPEG or GIF's first frame), shrinks anything larger than
/// [`MAX_SIDE`], and prepares it for `picker`'s protocol (half-blocks: kept as RGBA for
/// [`halfblocks`]).
///
/// # Errors
/// A message naming why the bytes are not a picture we can show.
pub fn decode(bytes: &[u8], picker: &Picker, pixel_art: bool) -> Result<Picture, String> {
    let image = decode_bounded(bytes)?;
    let image = shrink(image);
    let size = (image.width(), image.height());
    let drawing = if picker.protocol_type() == ProtocolType::Halfblocks {
        Drawing::HalfBlocks(halfblocks::HalfBlocks::new(image.into_rgba8()))
    } else {
        Drawing::Protocol(Mutex::new(picker.new_resize_protocol(image)))
    };
    Ok(Picture {
        drawing: Arc::new(drawing),
        size,
        pixel_art,
    })
}

/// Pictures wider or taller than this many pixels are refused before they are decoded: a few
/// hundred kilobytes of PNG can declare a picture that takes gigabytes once decoded.
pub const MAX_DECODED_SIDE: u32 = 4096;
/// What decoding one picture may allocate at most (4096 × 4096 RGBA is 64 MiB).
pub const MAX_DECODE_ALLOC: u64 = 80 * 1024 * 1024;

/// Decodes `bytes` within [`MAX_DECODED_SIDE`] and [`MAX_DECODE_ALLOC`].
///
/// # Errors
/// A message: not a picture, or too large to show.
pub fn decode_bounded(bytes: &[u8]) -> Result<DynamicImage, String> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|err| format!("not a picture: {err}"))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    reader.decode().map_err(|err| match err {
        image::ImageError::Limits(_) => {
            format!("picture too large to show (over {MAX_DECODED_SIDE}×{MAX_DECODED_SIDE} pixels)")
        }
        other => format!("not a picture: {other}"),
    })
}

/// Shrinks an image whose longer side exceeds [`MAX_SIDE`], keeping its proportions.
pub fn shrink(image: DynamicImage) -> DynamicImage {
    if image.width() > MAX_SIDE || image.height() > MAX_SIDE {
        image.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle)
    } else {
        image
    }
}

/// Draws `picture` scaled to fit `area` (keeping proportions).
pub fn render(frame: &mut Frame, picture: &Picture, area: Rect) {
    let filter = if picture.pixel_art {
        FilterType::Nearest
    } else {
        FilterType::Triangle
    };
    match &*picture.drawing {
        Drawing::HalfBlocks(blocks) => blocks.render(frame.buffer_mut(), area, filter),
        Drawing::Protocol(protocol) => {
            let widget = StatefulImage::default().resize(Resize::Scale(Some(filter)));
            // A poisoned lock only means an earlier draw panicked; the protocol state is still
            // usable.
            let mut protocol = protocol.lock().unwrap_or_else(PoisonError::into_inner);
            frame.render_stateful_widget(widget, area, &mut *protocol);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::new_rgba8(width, height);
        let mut bytes = std::io::Cursor::new(Vec::new());
        image
            .write_to(&mut bytes, image::ImageFormat::Png)
            .unwrap_or_else(|e| panic!("encoding a test PNG: {e}"));
        bytes.into_inner()
    }

    #[test]
    fn a_small_file_declaring_a_huge_picture_is_refused_before_decoding() {
        // A few hundred bytes declaring a picture wider than the cap: refused from its header,
        // as one declaring 20 000 × 20 000 (1.6 GB decoded) would be.
        let bytes = png(MAX_DECODED_SIDE + 1, 1);
        assert!(bytes.len() < 2_000, "{} bytes", bytes.len());
        let err = decode_bounded(&bytes).map(|_| ()).unwrap_err();
        assert!(err.contains("too large"), "{err}");
        assert!(decode_bounded(&png(40, 30)).is_ok());
        assert!(
            decode_bounded(b"<html>not found</html>")
                .map(|_| ())
                .unwrap_err()
                .starts_with("not a picture")
        );
    }
}
