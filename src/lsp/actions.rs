//! Quick fixes. Each diagnostic carries its fixes, as ready LSP edits, in its `data`; a code
//! action request turns them into actions without analysing again.

use super::convert::Positions;
use super::documents::Snapshot;
use crate::analysis::findings::ignore_fixes;
use crate::analysis::{Finding, Fix};
use crate::position::Encoding;
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{Diagnostic, NumberOrString, TextEdit};

/// A fix as carried in a diagnostic's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixData {
    pub title: String,
    /// Ignore comments are offered after the real fixes and never preferred.
    pub ignore: bool,
    pub edits: Vec<TextEdit>,
}

/// A diagnostic's `data`: the document version its edits apply to, and the fixes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiagnosticData {
    pub version: i32,
    pub fixes: Vec<FixData>,
}

fn convert(positions: &mut Positions, fix: &Fix, ignore: bool) -> FixData {
    FixData {
        title: fix.title.clone(),
        ignore,
        edits: fix
            .edits
            .iter()
            .map(|e| TextEdit::new(positions.range(e.span), e.new_text.clone()))
            .collect(),
    }
}

/// The fixes of a finding: its own, then ignoring it here or in the whole file. `positions`
/// are in the snapshot's text.
pub fn fixes(snap: &Snapshot, f: &Finding, positions: &mut Positions) -> Vec<FixData> {
    let a = snap.analysis();
    let ignore = ignore_fixes(&snap.text, snap.format, &a.paragraphs, f);
    let mut out = Vec::with_capacity(f.fixes.len() + ignore.len());
    out.extend(f.fixes.iter().map(|x| convert(positions, x, false)));
    out.extend(ignore.iter().map(|x| convert(positions, x, true)));
    out
}

pub fn data(snap: &Snapshot, f: &Finding, positions: &mut Positions) -> DiagnosticData {
    DiagnosticData {
        version: snap.version,
        fixes: fixes(snap, f, positions),
    }
}

/// The fixes for a diagnostic the client sent back: from its data when that was made for the
/// analysed version, otherwise from the finding with the same code and range (clients that do
/// not keep `data`).
pub fn fixes_for(snap: &Snapshot, d: &Diagnostic, enc: Encoding) -> Vec<FixData> {
    if let Some(data) = d
        .data
        .as_ref()
        .and_then(|v| serde_json::from_value::<DiagnosticData>(v.clone()).ok())
        .filter(|data| data.version == snap.version)
    {
        return data.fixes;
    }
    let Some(NumberOrString::String(code)) = &d.code else {
        return Vec::new();
    };
    let view = snap.view(enc);
    snap.analysis()
        .findings
        .iter()
        .find(|f| f.code.as_str() == code && view.range(f.span) == d.range)
        .map(|f| fixes(snap, f, &mut Positions::new(view)))
        .unwrap_or_default()
}
