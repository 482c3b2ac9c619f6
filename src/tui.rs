//! Starting and stopping the interactive browser: terminal set-up, the loop, and restoring the
//! terminal on every way out, panics included.

use std::io;

use color_eyre::eyre;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture, EventStream};
use crossterm::execute;
use tokio::sync::mpsc;

use crate::api::Clients;
use crate::app::{App, Hosts};
use crate::event::{EffectRunner, run};

/// Opens the browser on the terminal and runs it until the user quits.
///
/// # Errors
/// Terminal I/O failures. The terminal is restored before this returns, whatever happened.
pub async fn run_tui(clients: Clients) -> eyre::Result<()> {
    install_panic_hook();
    // ratatui's init installs a panic hook that restores the terminal and then calls ours (above)
    // and color-eyre's: a panic leaves a usable terminal and a readable report.
    let mut terminal = ratatui::try_init()?;
    let result = async {
        execute!(io::stdout(), EnableMouseCapture)?;
        let hosts = Hosts {
            pokeapi: clients.pokeapi.base().host().to_owned(),
            jsonplaceholder: clients.jsonplaceholder.base().host().to_owned(),
            dogapi: clients.dogapi.base().host().to_owned(),
        };
        let (msg_tx, msg_rx) = mpsc::unbounded_channel();
        let mut runner = EffectRunner::new(clients, msg_tx);
        let (mut app, effects) = App::new(hosts);
        for effect in effects {
            runner.run(effect);
        }
        run(
            &mut terminal,
            &mut app,
            EventStream::new(),
            &mut runner,
            msg_rx,
        )
        .await
    }
    .await;
    // Nothing between init and here returns early: this is the one way out.
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// Chains a hook that turns mouse capture off, which ratatui's own restore does not do.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}
