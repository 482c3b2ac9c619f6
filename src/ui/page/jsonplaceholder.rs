//! Post and user pages.

use ratatui::text::Line;

use super::Builder;
use crate::views::{PostDetail, UserDetail};

pub(super) fn post(b: &mut Builder, p: &PostDetail) {
    b.line(Line::styled(
        format!("#{} {}", p.id, p.title),
        b.theme.heading(),
    ));
    b.blank();
    for l in p.body.lines() {
        b.line(Line::raw(l.to_owned()));
    }
    b.heading("Author");
    match &p.author {
        Ok(Some(a)) => {
            b.link(a.name.clone());
            b.raw(format!(" (@{}) <{}>", a.username, a.email));
            b.end_line();
            if let Some(company) = &a.company {
                b.line(Line::styled(company.clone(), b.theme.dim()));
            }
        }
        Ok(None) => {
            b.link(format!("user {}", p.user_id));
            b.span(" (not found)", b.theme.dim());
            b.end_line();
        }
        Err(err) => {
            // The link is still there: the user page may load where this part failed.
            b.link(format!("user {}", p.user_id));
            b.end_line();
            b.error(err);
        }
    }
    match &p.comments {
        Ok(comments) => {
            b.heading(&format!("Comments ({})", comments.total()));
            for c in comments {
                b.span(c.name.clone(), b.theme.heading());
                b.span(format!("  <{}>", c.email), b.theme.dim());
                b.end_line();
                for l in c.body.lines() {
                    b.line(Line::raw(format!("  {l}")));
                }
            }
            b.more(comments.more(), "comments");
        }
        Err(err) => {
            b.heading("Comments");
            b.error(err);
        }
    }
}

pub(super) fn user(b: &mut Builder, u: &UserDetail) {
    b.line(Line::styled(
        format!("#{} {} (@{})", u.id, u.name, u.username),
        b.theme.heading(),
    ));
    b.line(Line::raw(format!(
        "{}  ·  {}  ·  {}",
        u.email, u.phone, u.website
    )));
    let place: Vec<&str> = [u.city.as_deref(), u.company.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        b.line(Line::styled(place.join("  ·  "), b.theme.dim()));
    }
    match &u.posts {
        Ok(posts) => {
            b.heading(&format!("Posts ({})", posts.total()));
            for (id, title) in posts {
                b.span(format!("{id:>4} "), b.theme.dim());
                b.link(title.clone());
                b.end_line();
            }
            b.more(posts.more(), "posts");
        }
        Err(err) => {
            b.heading("Posts");
            b.error(err);
        }
    }
    match &u.todos {
        Ok(todos) => {
            let done = todos.iter().filter(|(_, d)| *d).count();
            // Only the todos kept are known to be done or not.
            let heading = if todos.more() == 0 {
                format!("Todos ({done} of {} done)", todos.len())
            } else {
                format!(
                    "Todos ({}; {done} of the first {} done)",
                    todos.total(),
                    todos.len()
                )
            };
            b.heading(&heading);
            for (title, completed) in todos {
                let mark = if *completed { "✓" } else { "·" };
                b.line(Line::raw(format!("  {mark} {title}")));
            }
            b.more(todos.more(), "todos");
        }
        Err(err) => {
            b.heading("Todos");
            b.error(err);
        }
    }
    match &u.albums {
        Ok(albums) => {
            b.heading(&format!("Albums ({})", albums.total()));
            for title in albums {
                b.line(Line::raw(format!("  {title}")));
            }
            b.more(albums.more(), "albums");
        }
        Err(err) => {
            b.heading("Albums");
            b.error(err);
        }
    }
}
