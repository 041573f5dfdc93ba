//! The layer between the transport and the LSP service: what must happen to every message the
//! moment it is read, in order, and what must hold for every answer.
//!
//! - Text synchronisation and settings notifications are applied at once, in the order the
//!   client sent them. The transport runs up to four handlers at once, so handlers alone could
//!   apply two edits in the wrong order, or answer a request read after a settings change with
//!   the old settings.
//! - Frames the transport could not use are answered with their JSON-RPC error.
//! - A notification that is not handled, or whose params are wrong, is ignored with a log line.
//! - A request about a document is answered from the text it was sent for, or with
//!   ContentModified (-32801) when the document changed before its answer could be computed.
//! - A panic in a handler is answered as an internal error (-32603); the server carries on.

use super::server::{RequestDoc, Server};
use super::transport::INVALID_MESSAGE;
use futures::FutureExt;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp_server::ls_types::*;
use tower_service::Service;

pub struct Guard<S> {
    pub inner: S,
    pub server: Arc<Server>,
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Whether `params` deserialize as `T`, and why not.
fn check<T: DeserializeOwned>(params: Option<&Value>) -> Result<(), String> {
    T::deserialize(params.unwrap_or(&Value::Null))
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Why a notification will be ignored, if it will. Text synchronisation notifications are
/// checked where they are applied.
fn notification_problem(method: &str, params: Option<&Value>) -> Option<String> {
    let checked = match method {
        "initialized" | "exit" | "textDocument/didSave" => Ok(()),
        m if m.starts_with("textDocument/did") || m.starts_with("$/") => Ok(()),
        "workspace/didChangeConfiguration" => check::<DidChangeConfigurationParams>(params),
        "workspace/didChangeWatchedFiles" => check::<DidChangeWatchedFilesParams>(params),
        "workspace/didChangeWorkspaceFolders" => check::<DidChangeWorkspaceFoldersParams>(params),
        _ => return Some("quotelens does not handle it".into()),
    };
    checked.err().map(|e| format!("bad params: {e}"))
}

/// The error response to a frame the transport could not use (see [`INVALID_MESSAGE`]).
fn invalid_message_response(params: Option<&Value>) -> Response {
    let p = params.cloned().unwrap_or(Value::Null);
    let id = serde_json::from_value::<Id>(p["id"].clone()).unwrap_or(Id::Null);
    let code = p["code"].as_i64().unwrap_or(-32600);
    let message = p["message"]
        .as_str()
        .unwrap_or("invalid message")
        .to_string();
    Response::from_error(
        id,
        Error {
            code: ErrorCode::from(code),
            message: message.into(),
            data: None,
        },
    )
}

/// The document a request is about, from its `textDocument.uri`.
fn document_of(params: Option<&Value>) -> Option<Uri> {
    let uri = params?.get("textDocument")?.get("uri")?.as_str()?;
    Uri::from_str(uri).ok()
}

impl<S> Service<Request> for Guard<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = BoxFuture<Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let method = req.method().to_string();
        if method == INVALID_MESSAGE {
            let response = invalid_message_response(req.params());
            return Box::pin(async move { Ok(Some(response)) });
        }
        let id = req.id().cloned();
        if id.is_none() {
            if !self.server.is_initialized() && method != "exit" {
                tracing::warn!("ignored {method}: the server is not initialized yet");
            } else if let Some(why) = notification_problem(&method, req.params()) {
                tracing::warn!("ignored the notification {method}: {why}");
            }
        }
        // Applied here, on the reading of messages: a panic must not end the reading.
        let applied = std::panic::catch_unwind(AssertUnwindSafe(|| {
            if method.starts_with("textDocument/did") {
                self.server.sync_document(&method, req.params());
            } else if method.starts_with("workspace/didChange") {
                self.server.sync_settings(&method, req.params());
            }
        }));
        if applied.is_err() {
            tracing::error!("applying {method} failed; the document may be out of step");
        }
        let scope = match (&id, document_of(req.params())) {
            (Some(_), Some(uri)) => Some(RequestDoc::new(&self.server, uri)),
            _ => None,
        };
        let stale = scope.as_ref().map(|s| s.stale.clone());
        let inner = self.inner.call(req);
        let answer = async move {
            match scope {
                Some(scope) => super::server::REQUEST_DOC.scope(scope, inner).await,
                None => inner.await,
            }
        };
        Box::pin(async move {
            let response = match AssertUnwindSafe(answer).catch_unwind().await {
                Ok(response) => response?,
                Err(_) => {
                    // The panic hook has logged it, with where it happened.
                    return Ok(id.map(|id| {
                        Response::from_error(
                            id,
                            Error {
                                code: ErrorCode::InternalError,
                                message: format!(
                                    "quotelens failed while answering {method}; the server log has the details"
                                )
                                .into(),
                                data: None,
                            },
                        )
                    }));
                }
            };
            let changed = stale.is_some_and(|s| s.load(Ordering::SeqCst));
            Ok(match response {
                Some(r) if changed && r.is_ok() => {
                    tracing::debug!("{method}: the document changed before it was answered");
                    Some(Response::from_error(
                        r.id().clone(),
                        Error {
                            code: ErrorCode::ContentModified,
                            message: "the document changed while this request waited".into(),
                            data: None,
                        },
                    ))
                }
                other => other,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn notifications_that_will_be_ignored_are_named() {
        assert!(notification_problem("initialized", None).is_none());
        assert!(notification_problem("$/setTrace", None).is_none());
        assert!(notification_problem("workspace/didChangeConfiguration", None).is_some());
        assert!(
            notification_problem(
                "workspace/didChangeConfiguration",
                Some(&json!({"settings": 1}))
            )
            .is_none()
        );
        assert!(
            notification_problem(
                "workspace/didChangeWatchedFiles",
                Some(&json!({"changes": "x"}))
            )
            .is_some_and(|w| w.contains("bad params"))
        );
        assert!(
            notification_problem("made/up", Some(&json!({})))
                .is_some_and(|w| w.contains("does not handle"))
        );
    }

    #[test]
    fn invalid_messages_are_answered_with_their_code_and_id() {
        let r =
            invalid_message_response(Some(&json!({"code": -32700, "id": null, "message": "x"})));
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["id"], Value::Null);
        assert_eq!(v["error"]["code"], -32700);
        let r = invalid_message_response(Some(&json!({"code": -32600, "id": 9, "message": "y"})));
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["id"], 9);
        assert_eq!(v["error"]["code"], -32600);
    }
}
