//! Cached API responses, keyed by request URL, bounded by size with least-recently-used eviction.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{OptionalExtension, params};

use super::{Kind, Store, StoreError, unix};

/// `last_used` is a logical clock, not a time: each use takes the next number, so the order of
/// uses is exact however fast they come (and across processes sharing the file).
const NEXT_USE: &str = "(SELECT COALESCE(MAX(last_used), 0) + 1 FROM responses)";

/// One cached response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedResponse {
    /// The body as received (decompressed).
    pub body: Vec<u8>,
    /// The HTTP status (always a success: only those are stored).
    pub status: u16,
    /// When it was fetched, or last confirmed unchanged by a 304.
    pub fetched_at: SystemTime,
    /// The server's `ETag`, for revalidation.
    pub etag: Option<String>,
    /// How long it stays fresh from `fetched_at`, as versions before the stored headers
    /// judged it (they read this column; it is still written for them).
    pub max_age: Option<Duration>,
    /// The request's and the response's header fields, from which the HTTP client judges
    /// freshness (RFC 9111). `None` for entries stored before apidex kept them, or rewritten
    /// since by such a version: those are judged by `etag` and `max_age`.
    pub headers: Option<StoredHeaders>,
}

/// Header fields as the HTTP client encoded them (the store only keeps the bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredHeaders {
    /// The request's (what `Vary` is checked against).
    pub request: Vec<u8>,
    /// The response's.
    pub response: Vec<u8>,
}

impl CachedResponse {
    /// How long ago it was fetched (or confirmed) at `now`; not counting the time it had spent
    /// in caches upstream (the response's `Age`), which only its headers tell.
    pub fn age(&self, now: SystemTime) -> Duration {
        now.duration_since(self.fetched_at).unwrap_or_default()
    }
}

/// What the cache holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheStats {
    /// Responses stored.
    pub entries: u64,
    /// Bytes of bodies stored.
    pub bytes: u64,
    /// The cap on bytes.
    pub max_bytes: u64,
}

impl Store {
    /// The cached response for `url`, marking it as recently used.
    ///
    /// # Errors
    /// A database error (the caller treats it as a miss and says so in the log).
    pub fn get(&self, url: &str) -> Result<Option<CachedResponse>, StoreError> {
        self.require(Kind::Cache)?;
        // A response handed to the writer but not yet on disk answers as if it were.
        if let Some(entry) = self.writer.as_ref().and_then(|w| w.pending(url)) {
            return Ok(Some(entry));
        }
        let row = self
            .conn()
            .query_row(
                "SELECT body, status, fetched_at, etag, max_age, request_headers,
                        response_headers, headers_at
                 FROM responses WHERE url = ?1",
                params![url],
                |row| {
                    let fetched_at: i64 = row.get(2)?;
                    let request: Option<Vec<u8>> = row.get(5)?;
                    let response: Option<Vec<u8>> = row.get(6)?;
                    let headers_at: Option<i64> = row.get(7)?;
                    // Headers written with another fetch than the row's (an older version
                    // rewrote the row and left them) describe another response: not used.
                    let headers = match (request, response) {
                        (Some(request), Some(response)) if headers_at == Some(fetched_at) => {
                            Some(StoredHeaders { request, response })
                        }
                        _ => None,
                    };
                    Ok(CachedResponse {
                        body: row.get(0)?,
                        status: row.get(1)?,
                        fetched_at: from_unix(fetched_at),
                        etag: row.get(3)?,
                        max_age: row
                            .get::<_, Option<i64>>(4)?
                            .map(|s| Duration::from_secs(u64::try_from(s).unwrap_or(0))),
                        headers,
                    })
                },
            )
            .optional()
            .map_err(|e| self.error(&e))?;
        if row.is_some() {
            match &self.writer {
                // Recording the use is a write: the writer's thread does it, so a lookup never
                // waits for another's transaction.
                Some(writer) => writer.used(url),
                None => self.write_batch(&[], &[url.to_owned()])?,
            }
        }
        Ok(row)
    }

    /// Stores `response` for `url`, then evicts the least recently used responses while the
    /// total is over the cap.
    ///
    /// # Errors
    /// A database error.
    pub fn put(&self, url: &str, response: &CachedResponse) -> Result<(), StoreError> {
        self.require(Kind::Cache)?;
        // Uses noted for the writer go with this write, so eviction sees them in order.
        let used = self
            .writer
            .as_ref()
            .map(|w| w.take_used())
            .unwrap_or_default();
        self.write_batch(&[(url.to_owned(), response)], &used)
    }

    /// Stores `puts` and records `used` as just used, in one transaction, then evicts while the
    /// total is over the cap.
    ///
    /// # Errors
    /// A database error (nothing of the batch is kept).
    pub(super) fn write_batch(
        &self,
        puts: &[(String, &CachedResponse)],
        used: &[String],
    ) -> Result<(), StoreError> {
        {
            let mut conn = self.conn();
            let tx = conn.transaction().map_err(|e| self.error(&e))?;
            for (url, response) in puts {
                let size = i64::try_from(response.body.len()).unwrap_or(i64::MAX);
                let max_age = response
                    .max_age
                    .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
                let fetched_at = unix(response.fetched_at);
                let (request_headers, response_headers) = match &response.headers {
                    Some(h) => (Some(&h.request), Some(&h.response)),
                    None => (None, None),
                };
                let headers_at = response.headers.as_ref().map(|_| fetched_at);
                tx.execute(
                    &format!(
                        "INSERT INTO responses (url, body, status, fetched_at, etag, max_age,
                             last_used, size, request_headers, response_headers, headers_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, {NEXT_USE}, ?7, ?8, ?9, ?10)
                         ON CONFLICT(url) DO UPDATE SET body = ?2, status = ?3, fetched_at = ?4,
                             etag = ?5, max_age = ?6, last_used = {NEXT_USE}, size = ?7,
                             request_headers = ?8, response_headers = ?9, headers_at = ?10"
                    ),
                    params![
                        url,
                        response.body,
                        response.status,
                        fetched_at,
                        response.etag,
                        max_age,
                        size,
                        request_headers,
                        response_headers,
                        headers_at
                    ],
                )
                .map_err(|e| self.error(&e))?;
            }
            for url in used {
                tx.execute(
                    &format!("UPDATE responses SET last_used = {NEXT_USE} WHERE url = ?1"),
                    params![url],
                )
                .map_err(|e| self.error(&e))?;
            }
            tx.commit().map_err(|e| self.error(&e))?;
        }
        if puts.is_empty() {
            return Ok(());
        }
        self.evict()
    }

    /// Records that the server confirmed `url` unchanged (a 304): it was received anew at
    /// `now`, with `headers` (the response's updated by the 304's). Without them (a version
    /// that kept none), the entry's old headers no longer apply and are not used again.
    ///
    /// # Errors
    /// A database error.
    pub fn touch(
        &self,
        url: &str,
        now: SystemTime,
        max_age: Option<Duration>,
        headers: Option<&StoredHeaders>,
    ) -> Result<(), StoreError> {
        self.require(Kind::Cache)?;
        let max_age = max_age.map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        let now = unix(now);
        let headers_at = headers.map(|_| now);
        let (request_headers, response_headers) = match headers {
            Some(h) => (Some(&h.request), Some(&h.response)),
            None => (None, None),
        };
        self.conn()
            .execute(
                &format!(
                    "UPDATE responses SET fetched_at = ?2, max_age = COALESCE(?3, max_age),
                         request_headers = COALESCE(?4, request_headers),
                         response_headers = COALESCE(?5, response_headers),
                         headers_at = ?6, last_used = {NEXT_USE} WHERE url = ?1"
                ),
                params![
                    url,
                    now,
                    max_age,
                    request_headers,
                    response_headers,
                    headers_at
                ],
            )
            .map_err(|e| self.error(&e))?;
        Ok(())
    }

    /// Removes least recently used responses until the total is under the cap.
    fn evict(&self) -> Result<(), StoreError> {
        let conn = self.conn();
        let total: i64 = conn
            .query_row("SELECT COALESCE(SUM(size), 0) FROM responses", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.error(&e))?;
        let cap = i64::try_from(self.max_bytes).unwrap_or(i64::MAX);
        if total <= cap {
            return Ok(());
        }
        // Walk from the least recently used, deleting until enough has gone.
        let mut over = total - cap;
        let mut stmt = conn
            .prepare("SELECT url, size FROM responses ORDER BY last_used ASC, rowid ASC")
            .map_err(|e| self.error(&e))?;
        let victims: Vec<(String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.error(&e))?
            .filter_map(Result::ok)
            .take_while(|(_, size)| {
                let keep_going = over > 0;
                over -= size;
                keep_going
            })
            .collect();
        drop(stmt);
        for (url, _) in victims {
            conn.execute("DELETE FROM responses WHERE url = ?1", params![url])
                .map_err(|e| self.error(&e))?;
        }
        Ok(())
    }

    /// How much is cached.
    ///
    /// # Errors
    /// A database error.
    pub fn stats(&self) -> Result<CacheStats, StoreError> {
        self.require(Kind::Cache)?;
        let (entries, bytes): (i64, i64) = self
            .conn()
            .query_row(
                "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM responses",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.error(&e))?;
        Ok(CacheStats {
            entries: u64::try_from(entries).unwrap_or(0),
            bytes: u64::try_from(bytes).unwrap_or(0),
            max_bytes: self.max_bytes,
        })
    }

    /// Forgets the response for `url` (it turned out not to decode as what was asked for).
    ///
    /// # Errors
    /// A database error.
    pub fn remove(&self, url: &str) -> Result<(), StoreError> {
        self.conn()
            .execute("DELETE FROM responses WHERE url = ?1", params![url])
            .map_err(|e| self.error(&e))?;
        Ok(())
    }

    /// Forgets every cached response (bookmarks and history stay).
    ///
    /// # Errors
    /// A database error.
    pub fn clear(&self) -> Result<u64, StoreError> {
        self.require(Kind::Cache)?;
        let conn = self.conn();
        let removed = conn
            .execute("DELETE FROM responses", [])
            .map_err(|e| self.error(&e))?;
        // Give the space back to the file system.
        let _ = conn.execute_batch("VACUUM");
        Ok(u64::try_from(removed).unwrap_or(0))
    }
}

/// The time `seconds` after the epoch (as stored).
pub(super) fn from_unix(seconds: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap_or(0))
}
