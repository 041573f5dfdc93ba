//! Reading LSP frames from the client, dropping the ones that cannot be understood.
//!
//! tower-lsp-server's reader stops for good at the first frame it cannot decode (bad JSON, a
//! message that is not JSON-RPC, an unknown charset, invalid UTF-8), leaving the editor with a
//! server that no longer answers. So frames are checked here first: good ones are passed on,
//! re-framed, and bad ones are logged and dropped, and reading goes on with the next frame.
//! Memory stays bounded: header lines and bodies have size limits, and a body over the limit
//! is skipped without being kept.

use serde_json::Value;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The largest message accepted (a 10 MB document escaped into JSON fits easily).
pub const MAX_BODY: usize = 64 << 20;
/// The longest header line kept; longer lines are garbage and skipped.
const MAX_HEADER_LINE: usize = 8 << 10;

/// One frame read from the input.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A JSON-RPC message, as bytes to pass on.
    Message(Vec<u8>),
    /// Something unusable, with why.
    Dropped(String),
}

/// Read one line (up to `\n`), keeping at most `MAX_HEADER_LINE` bytes of it. `None` at end of
/// input.
async fn read_line<R: AsyncBufRead + Unpin>(input: &mut R) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let mut any = false;
    loop {
        let buf = input.fill_buf().await?;
        if buf.is_empty() {
            return Ok(any.then_some(line));
        }
        any = true;
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let n = chunk.len();
        let room = MAX_HEADER_LINE.saturating_sub(line.len());
        line.extend_from_slice(&chunk[..n.min(room)]);
        input.consume(n);
        if done {
            return Ok(Some(line));
        }
    }
}

/// Whether bytes are a message tower-lsp-server can decode.
fn is_message(body: &[u8]) -> Result<(), String> {
    let value: Value = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    if !value.is_object() {
        return Err("not a JSON object".into());
    }
    let as_request = serde_json::from_value::<Request>(value.clone()).is_ok();
    if as_request || serde_json::from_value::<Response>(value).is_ok() {
        Ok(())
    } else {
        Err("not a JSON-RPC 2.0 request, notification or response".into())
    }
}

/// Read the next frame; `None` at end of input.
pub async fn read_frame<R: AsyncBufRead + Unpin>(input: &mut R) -> std::io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let Some(line) = read_line(input).await? else {
            return Ok(saw_header.then(|| Frame::Dropped("input ended inside a header".into())));
        };
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("bad Content-Length {:?}", value.trim())),
            );
        }
    }
    let length = match length {
        None => {
            return Ok(Some(Frame::Dropped(
                "a header without Content-Length".into(),
            )));
        }
        Some(Err(e)) => return Ok(Some(Frame::Dropped(e))),
        Some(Ok(n)) => n,
    };
    if length > MAX_BODY {
        let skipped =
            tokio::io::copy(&mut input.take(length as u64), &mut tokio::io::sink()).await?;
        return Ok(Some(Frame::Dropped(format!(
            "a message of {length} bytes, over the limit of {MAX_BODY} (skipped {skipped})"
        ))));
    }
    let mut body = vec![0; length];
    if let Err(e) = input.read_exact(&mut body).await {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            return Ok(Some(Frame::Dropped("input ended inside a message".into())));
        }
        return Err(e);
    }
    Ok(Some(match is_message(&body) {
        Ok(()) => Frame::Message(body),
        Err(why) => Frame::Dropped(why),
    }))
}

/// Standard input with undecodable frames taken out, for the LSP transport.
pub fn checked_stdin() -> impl AsyncRead + Unpin {
    checked(tokio::io::stdin())
}

/// `input` with undecodable frames taken out.
pub fn checked<R: AsyncRead + Unpin + Send + 'static>(input: R) -> impl AsyncRead + Unpin {
    let (reader, mut writer) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        loop {
            match read_frame(&mut input).await {
                Ok(Some(Frame::Message(body))) => {
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    if writer.write_all(header.as_bytes()).await.is_err()
                        || writer.write_all(&body).await.is_err()
                    {
                        break;
                    }
                }
                Ok(Some(Frame::Dropped(why))) => {
                    tracing::warn!("dropped a message from the client: {why}");
                }
                Ok(None) => break,
                Err(e) => {
                    tracing::error!("reading from the client failed: {e}");
                    break;
                }
            }
        }
        let _ = writer.shutdown().await;
    });
    reader
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<Frame> {
        let mut r = BufReader::new(input);
        let mut out = Vec::new();
        while let Some(f) = read_frame(&mut r).await.unwrap() {
            out.push(f);
        }
        out
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn good_frames_pass_and_bad_ones_are_dropped_without_losing_the_next() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = String::new();
        input.push_str(&framed("{\"jsonrpc"));
        input.push_str(&framed("[1,2]"));
        input.push_str(&framed(r#"{"hello":"world"}"#));
        input.push_str("garbage line\r\n\r\n");
        input.push_str("Content-Length: twelve\r\n\r\n");
        input.push_str(&format!(
            "Content-Type: application/vscode-jsonrpc; charset=latin1\r\n{}",
            framed(ok)
        ));
        input.push_str(&framed(ok));
        let got = frames(input.as_bytes()).await;
        let kept: Vec<&Frame> = got
            .iter()
            .filter(|f| matches!(f, Frame::Message(_)))
            .collect();
        assert_eq!(
            kept,
            vec![&Frame::Message(ok.into()), &Frame::Message(ok.into())]
        );
        assert_eq!(got.len(), 7, "{got:?}");
    }

    #[tokio::test]
    async fn oversized_and_truncated_frames_are_dropped() {
        let big = format!("Content-Length: {}\r\n\r\n", MAX_BODY + 1);
        let got = frames(big.as_bytes()).await;
        assert!(matches!(&got[..], [Frame::Dropped(_)]), "{got:?}");
        let got = frames(b"Content-Length: 50\r\n\r\n{\"a\":").await;
        assert!(matches!(&got[..], [Frame::Dropped(_)]), "{got:?}");
        let long_line = "x".repeat(100_000) + "\r\n\r\n";
        let got = frames(long_line.as_bytes()).await;
        assert!(matches!(&got[..], [Frame::Dropped(_)]), "{got:?}");
    }
}
