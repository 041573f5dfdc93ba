//! quotelens: finds every quotation in prose and who said it.
//!
//! - [`analysis`]: the pure analysis core (text in; quotes, mentions, speakers, findings out).
//! - [`position`]: byte offsets to characters, lines and UTF-8/16/32 columns.
//! - [`config`]: settings from editors and `quotelens.toml`.
//! - [`report`]: the analysis as JSON with code-point offsets.
//! - [`invariants`]: what must hold of any analysis and position conversion (fuzzed, property-tested).
//! - [`cli`] and [`lsp`]: the command line and the language server, both views of the analysis.
//! - [`memory`]: how the process's allocator treats large blocks.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod invariants;
pub mod lsp;
pub mod memory;
pub mod position;
pub mod report;
