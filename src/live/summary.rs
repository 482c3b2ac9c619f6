//! The one-line summary of a message for the Live tab (filled in with the tab).
