//! Findings as LSP diagnostics.

use super::actions::{self, DiagnosticData};
use super::convert::Positions;
use super::documents::{Outcome, Snapshot};
use crate::analysis::{FindingCode, Severity};
use crate::position::Encoding;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Position, Range, Uri,
};

/// Where each finding code is documented: the README's Findings table has an anchor per code,
/// so a diagnostic links to `DOCS_URL` + `#` + code.
pub const DOCS_URL: &str = "https://github.com/quotelens/quotelens/blob/main/README.md";

pub const SOURCE: &str = "quotelens";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn docs_link(code: FindingCode) -> Option<CodeDescription> {
    Uri::from_str(&format!("{DOCS_URL}#{}", code.as_str()))
        .ok()
        .map(|href| CodeDescription { href })
}

/// A diagnostic as published: the LSP diagnostic without its `data`, and the data typed. It
/// serialises to the same JSON as the LSP diagnostic with the data converted to a JSON value,
/// but the transport's conversion of the notification to a JSON value then builds the data's
/// tree once instead of twice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Published {
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<DiagnosticData>,
}

impl Published {
    /// The LSP diagnostic, with the data as a JSON value (for a pull report).
    pub fn into_lsp(self) -> Diagnostic {
        Diagnostic {
            data: self
                .data
                .map(|d| serde_json::to_value(d).unwrap_or(serde_json::Value::Null)),
            ..self.diagnostic
        }
    }
}

/// `textDocument/publishDiagnostics` with [`Published`] diagnostics.
pub enum PublishDiagnostics {}

impl Notification for PublishDiagnostics {
    type Params = PublishParams;
    const METHOD: &'static str = "textDocument/publishDiagnostics";
}

/// The params of `textDocument/publishDiagnostics`, as `PublishDiagnosticsParams` has them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishParams {
    pub uri: Uri,
    pub diagnostics: Vec<Published>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

/// The diagnostics of a snapshot: one per finding, or one saying why the document was not
/// analysed.
pub fn diagnostics(snap: &Snapshot, enc: Encoding) -> Vec<Published> {
    let start = Range::new(Position::new(0, 0), Position::new(0, 0));
    let note = |message: String, sev: DiagnosticSeverity| {
        vec![Published {
            diagnostic: Diagnostic {
                range: start,
                severity: Some(sev),
                source: Some(SOURCE.into()),
                message,
                ..Diagnostic::default()
            },
            data: None,
        }]
    };
    match &snap.outcome {
        Outcome::NotAnalysed => Vec::new(),
        Outcome::TooLarge { size, limit } => note(
            format!(
                "quotelens did not analyse this document: it is {size} bytes, over the \
                 maxFileSize limit of {limit} bytes."
            ),
            DiagnosticSeverity::INFORMATION,
        ),
        Outcome::Failed => note(
            "quotelens failed to analyse this version of the document (an internal error, \
             logged by the server)."
                .into(),
            DiagnosticSeverity::WARNING,
        ),
        Outcome::Analysed(analysis) => {
            let mut positions = Positions::new(snap.view(enc));
            analysis
                .findings
                .iter()
                .map(|f| Published {
                    diagnostic: Diagnostic {
                        range: positions.range(f.span),
                        severity: Some(severity(f.severity)),
                        code: Some(NumberOrString::String(f.code.as_str().into())),
                        code_description: docs_link(f.code),
                        source: Some(SOURCE.into()),
                        message: f.message.clone(),
                        related_information: (!f.related.is_empty()).then(|| {
                            f.related
                                .iter()
                                .map(|r| DiagnosticRelatedInformation {
                                    location: Location::new(
                                        snap.uri.clone(),
                                        positions.range(r.span),
                                    ),
                                    message: r.message.clone(),
                                })
                                .collect()
                        }),
                        // A stray closing mark is text to delete: editors fade it.
                        tags: (f.code == FindingCode::UnmatchedClosingQuote)
                            .then(|| vec![DiagnosticTag::UNNECESSARY]),
                        data: None,
                    },
                    data: Some(actions::data(snap, f, &mut positions)),
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::lsp::documents::test_snapshot as snapshot;

    /// A published diagnostic is the JSON of the LSP diagnostic with its data as a JSON value,
    /// in every encoding, for findings with fixes and related locations.
    #[test]
    fn published_diagnostics_serialise_as_lsp_diagnostics() {
        let text = "The café board met on Tuesday.\n\n“We will not pay for the new roof, said \
                    Mayor Inês Okoro.\n\nResidents waited outside.” The vote is next week.\n\n\
                    ”Nobody asked us,” said Paolo Reyes.”\n";
        let snap = snapshot(text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let published = diagnostics(&snap, enc);
            assert!(
                published
                    .iter()
                    .any(|p| p.data.as_ref().is_some_and(|d| d.fixes.len() > 1)),
                "no finding with fixes in {published:?}"
            );
            for p in published {
                let lsp = p.clone().into_lsp();
                assert!(lsp.data.is_some());
                assert_eq!(
                    serde_json::to_value(&p).unwrap(),
                    serde_json::to_value(&lsp).unwrap()
                );
                assert_eq!(
                    serde_json::to_string(&p).unwrap().len(),
                    serde_json::to_string(&lsp).unwrap().len()
                );
            }
        }
    }
}
