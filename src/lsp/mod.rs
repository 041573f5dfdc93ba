//! The language server: `quotelens lsp` / `quotelens --stdio`.
//!
//! Only this module knows LSP types. It keeps the open documents in step with the client,
//! runs the analysis library on them and converts its byte-ranged results to LSP.

pub mod actions;
pub mod convert;
pub mod diagnostics;
pub mod documents;
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

use server::{ANALYSIS_REQUEST, Backend, DOCUMENT_REQUEST, Server};
use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;
use std::task::{Context, Poll};
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::{LspService, Server as Transport};
use tower_service::Service;

/// Wraps the LSP service to apply text synchronisation notifications the moment they are read,
/// in the order the client sent them. The transport runs up to four handlers at once, so
/// handlers alone could apply two edits in the wrong order.
struct DocumentSync<S> {
    inner: S,
    server: Arc<Server>,
}

impl<S> Service<Request> for DocumentSync<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        if req.method().starts_with("textDocument/did") {
            self.server.sync_document(req.method(), req.params());
        }
        Box::pin(self.inner.call(req))
    }
}

/// Serve LSP on standard input and output until the client sends `exit`.
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
    let clean = runtime.block_on(async {
        let mut client_log = log::init();
        let (service, socket) = LspService::build(|client| {
            let forward = client.clone();
            tokio::spawn(async move {
                while let Some((kind, message)) = client_log.recv().await {
                    forward.log_message(kind, message).await;
                }
            });
            Backend(Arc::new(Server::new(client)))
        })
        .custom_method(ANALYSIS_REQUEST, Backend::analysis_request)
        .custom_method(DOCUMENT_REQUEST, Backend::document_request)
        .custom_method("$/setTrace", Backend::set_trace)
        .finish();
        let server = service.inner().0.clone();
        tracing::info!(
            "quotelens {} language server started",
            env!("CARGO_PKG_VERSION")
        );
        let service = DocumentSync {
            inner: service,
            server: server.clone(),
        };
        Transport::new(transport::checked_stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
        server.was_shut_down()
    });
    // Do not wait for analyses still running or for the blocked stdin reader.
    runtime.shutdown_background();
    // The specification: exit code 0 after shutdown then exit, 1 for exit without shutdown.
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
