//! Tells the browser when a source's server changes state (online, unreachable, failing), as
//! the shared HTTP client learns it from every request and from its probes.

use tokio::sync::mpsc::UnboundedSender;

use crate::api::Clients;
use crate::api::connectivity::{Reach, server_key};
use crate::model::Source;
use crate::msg::Msg;

/// Starts watching the clients' connectivity (when there is a runtime): each change of a
/// source's server becomes a [`Msg::SourceReach`]. With `--offline` every source is said to be
/// unreachable from the start, which is the truth the user chose.
pub fn watch(clients: &Clients, tx: &UnboundedSender<Msg>) {
    let servers = Source::ALL.map(|source| (source, server_key(&clients.base(source).join(&[]))));
    if clients.http.options().offline {
        for (source, _) in &servers {
            let reach = Reach::Unreachable {
                reason: "--offline".to_owned(),
            };
            let _ = tx.send(Msg::SourceReach {
                source: *source,
                reach,
            });
        }
        return;
    }
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let mut changes = clients.http.connectivity().watch();
    let tx = tx.clone();
    runtime.spawn(async move {
        let mut told = servers.clone().map(|(source, _)| (source, Reach::Online));
        while changes.changed().await.is_ok() {
            let states = changes.borrow_and_update().clone();
            for ((source, key), (_, last)) in servers.iter().zip(told.iter_mut()) {
                let now = states.get(key).cloned().unwrap_or(Reach::Online);
                if *last != now {
                    *last = now.clone();
                    if tx
                        .send(Msg::SourceReach {
                            source: *source,
                            reach: now,
                        })
                        .is_err()
                    {
                        // The browser has gone.
                        return;
                    }
                }
            }
        }
    });
}
