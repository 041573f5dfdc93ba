//! The language server: `quotelens lsp` / `quotelens --stdio`.
//!
//! Only this module knows LSP types. It keeps the open documents in step with the client,
//! runs the analysis library on them and converts its byte-ranged results to LSP.

pub mod actions;
pub mod convert;
pub mod diagnostics;
pub mod documents;
pub mod guard;
pub mod hover;
pub mod index;
pub mod inlay;
pub mod log;
pub mod navigate;
pub mod present;
pub mod server;
pub mod symbols;
pub mod tokens;
pub mod transport;
pub mod workspace;

use server::{
    ANALYSIS_REQUEST, Backend, DOCUMENT_REQUEST, HOLD_REQUEST, PANIC_REQUEST, SLEEP_REQUEST,
    Server, TEST_HOOKS_ENV,
};
use std::process::ExitCode;
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tower_lsp_server::ls_types::MessageType;
use tower_lsp_server::{LspService, Server as Transport};

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown` came before the input ended or `exit` arrived.
    Clean,
    /// `exit` without `shutdown`, or the client went away.
    Unclean,
}

/// What to serve besides the protocol.
#[derive(Default)]
pub struct ServeOptions {
    /// Log messages to forward to the client as window/logMessage.
    pub client_log: Option<mpsc::Receiver<(MessageType, String)>>,
    /// Register the test hooks (`quotelens/debug/panic`, `quotelens/debug/sleep`).
    pub test_hooks: bool,
}

/// Serve LSP on `input` and `output` until the client sends `exit`, the input ends or the
/// client's process is gone. `input` is read through the frame checks of [`transport`].
pub async fn serve<I, O>(input: I, output: O, options: ServeOptions) -> Ending
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Send + 'static,
{
    let mut client_log = options.client_log;
    let (service, socket) = {
        let mut builder = LspService::build(|client| {
            if let Some(mut client_log) = client_log.take() {
                let forward = client.clone();
                tokio::spawn(async move {
                    while let Some((kind, message)) = client_log.recv().await {
                        forward.log_message(kind, message).await;
                    }
                });
            }
            Backend(Arc::new(Server::new(client, options.test_hooks)))
        })
        .custom_method(ANALYSIS_REQUEST, Backend::analysis_request)
        .custom_method(DOCUMENT_REQUEST, Backend::document_request)
        .custom_method("$/setTrace", Backend::set_trace);
        if options.test_hooks {
            builder = builder
                .custom_method(PANIC_REQUEST, Backend::panic_request)
                .custom_method(SLEEP_REQUEST, Backend::sleep_request)
                .custom_method(HOLD_REQUEST, Backend::hold_request);
        }
        builder.finish()
    };
    let server = service.inner().0.clone();
    let service = guard::Guard {
        inner: service,
        server: server.clone(),
    };
    let serving = Transport::new(transport::checked(input), output, socket).serve(service);
    tokio::select! {
        () = serving => {}
        () = server.client_gone.notified() => return Ending::Unclean,
    }
    if server.was_shut_down() {
        Ending::Clean
    } else {
        Ending::Unclean
    }
}

/// Log a panic once, as one line with where it happened; the code that catches it answers.
fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        tracing::error!("{info}; please report this");
    }));
}

/// Serve LSP on standard input and output.
pub fn run_stdio() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("quotelens: cannot start the language server: {e}");
            return ExitCode::from(2);
        }
    };
    let ending = runtime.block_on(async {
        let options = ServeOptions {
            client_log: Some(log::init()),
            test_hooks: std::env::var(TEST_HOOKS_ENV).is_ok_and(|v| v == "1"),
        };
        log_panics();
        tracing::info!(
            "quotelens {} language server started",
            env!("CARGO_PKG_VERSION")
        );
        serve(tokio::io::stdin(), tokio::io::stdout(), options).await
    });
    // Do not wait for analyses still running or for the blocked stdin reader.
    runtime.shutdown_background();
    // The specification: exit code 0 after shutdown then exit, 1 for exit without shutdown.
    match ending {
        Ending::Clean => ExitCode::SUCCESS,
        Ending::Unclean => ExitCode::from(1),
    }
}
