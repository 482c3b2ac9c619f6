//! A test server for tests that are not async (they run the binary and wait for it): the server
//! with a runtime of its own to serve it, for as long as the test holds it.

use std::ops::Deref;

use super::{TestServer, fixture_server};

/// A [`TestServer`] served by its own runtime; derefs to the server.
pub struct Served {
    // Declared first so it is dropped (and its accept loop aborted) before the runtime.
    server: TestServer,
    /// Serves the server's connections; held, never used directly.
    _runtime: tokio::runtime::Runtime,
}

impl Served {
    /// The fixture server ([`fixture_server`]).
    pub fn fixtures() -> Self {
        Self::start(fixture_server())
    }

    /// A server with no routes (everything 404s until routes are added).
    pub fn empty() -> Self {
        Self::start(TestServer::start())
    }

    fn start(server: impl Future<Output = TestServer>) -> Self {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let server = runtime.block_on(server);
        Self {
            server,
            _runtime: runtime,
        }
    }
}

impl Deref for Served {
    type Target = TestServer;

    fn deref(&self) -> &TestServer {
        &self.server
    }
}
