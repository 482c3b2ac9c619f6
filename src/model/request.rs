//! Request ids: the newest answer wins.

/// Identifies one request, so a result for a request the user has moved past can be dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);
