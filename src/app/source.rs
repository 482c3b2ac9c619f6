//! The sources and item keys, as the app has always named them; they live in [`crate::model`].

pub use crate::model::{ItemKey, Source};
