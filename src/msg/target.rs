//! What a retry notice (or an origin) is about.

use crate::model::Source;

/// What a retry notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryTarget {
    /// A tab's list.
    List(Source),
    /// A tab's detail page.
    Detail(Source),
    /// One item of a tab's batch.
    BatchItem(Source, usize),
}
