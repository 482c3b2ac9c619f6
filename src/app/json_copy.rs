//! `y` in the JSON view (#14): what each copy-menu key copies, and the `curl` command that
//! reproduces the view's request.

use super::App;
use super::json_view::Pending;
use crate::msg::{CopyWhat, Effect, JsonEffect};

/// The most one copy carries (OSC 52 goes through the terminal, which has limits of its own).
pub const MAX_COPY: usize = 1_000_000;

impl App {
    /// `y` then a key: puts something on the clipboard and says what.
    pub(super) fn copy(&mut self, what: CopyWhat) -> Vec<Effect> {
        let Some(view) = &mut self.explorer.view else {
            return vec![];
        };
        view.pending = Pending::None;
        let node = view.cursor_node();
        let tree = view.tree();
        let (text, label) = match what {
            CopyWhat::Value => (
                node.and_then(|n| {
                    let value = &tree?.nodes()[n].value;
                    value.scalar_text().or_else(|| tree?.value_json(n))
                }),
                "the value",
            ),
            CopyWhat::Path => (node.and_then(|n| Some(tree?.path(n))), "the path"),
            CopyWhat::Url => (view.url().map(str::to_owned), "the URL"),
            // The body exactly as the API sent it (numbers, order, everything past the view's
            // cut), unless a filter's outputs are shown: then those.
            CopyWhat::Json => (
                if view.filter.as_ref().is_some_and(|f| f.output.is_some()) {
                    tree.map(crate::json_tree::JsonTree::to_json)
                } else {
                    view.body()
                        .map(|b| String::from_utf8_lossy(&b.raw).into_owned())
                },
                "the JSON",
            ),
            CopyWhat::Curl => (view.url().map(curl_command), "a curl command"),
        };
        let Some(text) = text else {
            self.info = Some("nothing to copy here".to_owned());
            return vec![];
        };
        // Terminals drop (or choke on) clipboard writes much larger than this, silently.
        if text.len() > MAX_COPY {
            self.notice = Some(format!(
                "{label} is too large to copy through the terminal ({} kB; at most {} kB)",
                text.len() / 1000,
                MAX_COPY / 1000
            ));
            return vec![];
        }
        self.info = Some(format!(
            "copied {label} ({} bytes) to the clipboard",
            text.len()
        ));
        vec![Effect::Json(JsonEffect::Copy(text))]
    }
}

/// A `curl` command that makes the same request as apidex, shell-quoted.
pub fn curl_command(url: &str) -> String {
    let agent = format!("User-Agent: {}", crate::api::USER_AGENT);
    format!(
        "curl -sS --compressed -H {} {}",
        shell_quote(&agent),
        shell_quote(url)
    )
}

/// `s` in single quotes for a POSIX shell (a `'` inside becomes `'\''`).
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_commands_are_quoted() {
        let cmd = curl_command("http://x/a'b?c=1&d=2");
        assert!(cmd.starts_with("curl -sS --compressed -H 'User-Agent: apidex/"));
        assert!(cmd.ends_with(r"'http://x/a'\''b?c=1&d=2'"), "{cmd}");
    }
}
