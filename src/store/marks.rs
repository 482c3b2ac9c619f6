//! Bookmarks, history of opened items, and recent searches: the user-data database's tables.

use rusqlite::params;

use super::{Kind, Store, StoreError};

/// A remembered item: its key (as the app writes it) and how it was labelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remembered {
    /// The item's key, e.g. `pokemon:pikachu`, `post:1`, `breed:hound/afghan`.
    pub key: String,
    /// How it was shown, e.g. `#25 pikachu`.
    pub label: String,
}

/// How many history entries are kept.
pub const HISTORY_LIMIT: i64 = 500;
/// How many recent searches are kept.
pub const SEARCH_LIMIT: i64 = 50;

impl Store {
    /// Adds a bookmark, or removes it if it exists. Returns whether it is now bookmarked.
    ///
    /// # Errors
    /// A database error.
    pub fn toggle_bookmark(&self, item: &Remembered) -> Result<bool, StoreError> {
        self.require(Kind::UserData)?;
        let conn = self.conn();
        let removed = conn
            .execute("DELETE FROM bookmarks WHERE key = ?1", params![item.key])
            .map_err(|e| self.error(&e))?;
        if removed > 0 {
            return Ok(false);
        }
        conn.execute(
            "INSERT INTO bookmarks (key, label, created) VALUES (?1, ?2, ?3)",
            params![item.key, item.label, super::unix_now()],
        )
        .map_err(|e| self.error(&e))?;
        Ok(true)
    }

    /// Every bookmark, newest first.
    ///
    /// # Errors
    /// A database error.
    pub fn bookmarks(&self) -> Result<Vec<Remembered>, StoreError> {
        self.remembered("SELECT key, label FROM bookmarks ORDER BY created DESC, rowid DESC")
    }

    /// Removes the bookmark of `key` (nothing when there is none).
    ///
    /// # Errors
    /// A database error.
    pub fn remove_bookmark(&self, key: &str) -> Result<(), StoreError> {
        self.delete("DELETE FROM bookmarks WHERE key = ?1", key)
    }

    /// Removes `key` from the history of opened items.
    ///
    /// # Errors
    /// A database error.
    pub fn remove_visit(&self, key: &str) -> Result<(), StoreError> {
        self.delete("DELETE FROM history WHERE key = ?1", key)
    }

    /// Forgets every opened item (bookmarks and searches stay).
    ///
    /// # Errors
    /// A database error.
    pub fn clear_history(&self) -> Result<(), StoreError> {
        self.require(Kind::UserData)?;
        self.conn()
            .execute("DELETE FROM history", [])
            .map_err(|e| self.error(&e))?;
        Ok(())
    }

    fn delete(&self, sql: &str, key: &str) -> Result<(), StoreError> {
        self.require(Kind::UserData)?;
        self.conn()
            .execute(sql, params![key])
            .map_err(|e| self.error(&e))?;
        Ok(())
    }

    /// Records that an item was opened (the newest visit replaces older ones of the same item).
    ///
    /// # Errors
    /// A database error.
    pub fn record_visit(&self, item: &Remembered) -> Result<(), StoreError> {
        self.require(Kind::UserData)?;
        let conn = self.conn();
        conn.execute("DELETE FROM history WHERE key = ?1", params![item.key])
            .map_err(|e| self.error(&e))?;
        conn.execute(
            "INSERT INTO history (key, label, at) VALUES (?1, ?2, ?3)",
            params![item.key, item.label, super::unix_now()],
        )
        .map_err(|e| self.error(&e))?;
        conn.execute(
            "DELETE FROM history WHERE id NOT IN (SELECT id FROM history ORDER BY id DESC LIMIT ?1)",
            params![HISTORY_LIMIT],
        )
        .map_err(|e| self.error(&e))?;
        Ok(())
    }

    /// Recently opened items, newest first.
    ///
    /// # Errors
    /// A database error.
    pub fn history(&self) -> Result<Vec<Remembered>, StoreError> {
        self.remembered("SELECT key, label FROM history ORDER BY id DESC")
    }

    /// Remembers a search.
    ///
    /// # Errors
    /// A database error.
    pub fn record_search(&self, query: &str) -> Result<(), StoreError> {
        self.require(Kind::UserData)?;
        let conn = self.conn();
        conn.execute(
            "INSERT INTO searches (query, at) VALUES (?1, ?2)
             ON CONFLICT(query) DO UPDATE SET at = ?2",
            params![query, super::unix_now()],
        )
        .map_err(|e| self.error(&e))?;
        conn.execute(
            "DELETE FROM searches WHERE query NOT IN
                 (SELECT query FROM searches ORDER BY at DESC, rowid DESC LIMIT ?1)",
            params![SEARCH_LIMIT],
        )
        .map_err(|e| self.error(&e))?;
        Ok(())
    }

    /// Recent searches, newest first.
    ///
    /// # Errors
    /// A database error.
    pub fn searches(&self) -> Result<Vec<String>, StoreError> {
        self.require(Kind::UserData)?;
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT query FROM searches ORDER BY at DESC, rowid DESC")
            .map_err(|e| self.error(&e))?;
        let rows = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| self.error(&e))?
            .filter_map(Result::ok)
            .collect();
        Ok(rows)
    }

    fn remembered(&self, sql: &str) -> Result<Vec<Remembered>, StoreError> {
        self.require(Kind::UserData)?;
        let conn = self.conn();
        let mut stmt = conn.prepare(sql).map_err(|e| self.error(&e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Remembered {
                    key: r.get(0)?,
                    label: r.get(1)?,
                })
            })
            .map_err(|e| self.error(&e))?
            .filter_map(Result::ok)
            .collect();
        Ok(rows)
    }
}
