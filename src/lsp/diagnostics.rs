//! Findings as LSP diagnostics.

use super::actions;
use super::documents::{Outcome, Snapshot};
use crate::analysis::{FindingCode, Severity};
use crate::position::Encoding;
use std::str::FromStr;
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

/// The diagnostics of a snapshot: one per finding, or one saying why the document was not
/// analysed.
pub fn diagnostics(snap: &Snapshot, enc: Encoding) -> Vec<Diagnostic> {
    let start = Range::new(Position::new(0, 0), Position::new(0, 0));
    let note = |message: String, sev: DiagnosticSeverity| {
        vec![Diagnostic {
            range: start,
            severity: Some(sev),
            source: Some(SOURCE.into()),
            message,
            ..Diagnostic::default()
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
            let view = snap.view(enc);
            analysis
                .findings
                .iter()
                .map(|f| Diagnostic {
                    range: view.range(f.span),
                    severity: Some(severity(f.severity)),
                    code: Some(NumberOrString::String(f.code.as_str().into())),
                    code_description: docs_link(f.code),
                    source: Some(SOURCE.into()),
                    message: f.message.clone(),
                    related_information: (!f.related.is_empty()).then(|| {
                        f.related
                            .iter()
                            .map(|r| DiagnosticRelatedInformation {
                                location: Location::new(snap.uri.clone(), view.range(r.span)),
                                message: r.message.clone(),
                            })
                            .collect()
                    }),
                    // A stray closing mark is text to delete: editors fade it.
                    tags: (f.code == FindingCode::UnmatchedClosingQuote)
                        .then(|| vec![DiagnosticTag::UNNECESSARY]),
                    data: Some(actions::data(snap, f, enc)),
                })
                .collect()
        }
    }
}
