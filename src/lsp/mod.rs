//! The language server (being built: see issue 3).

use std::process::ExitCode;

pub fn run_stdio() -> ExitCode {
    eprintln!("quotelens: the language server is not built yet");
    ExitCode::from(2)
}
