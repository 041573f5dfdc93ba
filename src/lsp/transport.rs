//! Reading LSP frames from the client, answering the ones that cannot be understood.
//!
//! tower-lsp-server's reader stops for good at the first frame it cannot decode (bad JSON, a
//! message that is not JSON-RPC, an unknown charset, invalid UTF-8), leaving the editor with a
//! server that no longer answers. So frames are checked here first: good ones are passed on,
//! re-framed; a body that is not JSON is answered with a parse error (-32700) and one that is
//! not a JSON-RPC message with an invalid request error (-32600), as JSON-RPC 2.0 says, and
//! reading goes on with the next frame. Header junk is logged and skipped.
//!
//! A wrong Content-Length must not cost the messages after it: a header is found anywhere in a
//! line (a too-short length leaves the rest of the body in front of the next header), and a
//! body that runs into the next frame's header (a too-long length) is cut there and the rest is
//! read again as the next frame.
//!
//! Two repairs keep the text of a document in step with the editor rather than dropping an
//! edit: a lone UTF-16 surrogate escape (`"\ud800"`, which JavaScript clients can send) becomes
//! U+FFFD (one UTF-16 unit, like the surrogate, so later positions still agree), and invalid
//! UTF-8 bytes become U+FFFD. Both are logged.
//!
//! Memory stays bounded: header lines and bodies have size limits, and a body over the limit
//! is skipped without being kept.

use serde::de::IgnoredAny;
use serde_json::{Value, json};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader, ReadBuf,
};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The largest message accepted (a 10 MB document escaped into JSON fits easily).
pub const MAX_BODY: usize = 64 << 20;
/// The longest header line kept (its end, where a header glued to junk is); longer lines are
/// junk.
const MAX_HEADER_LINE: usize = 8 << 10;
/// How long a body that is already a whole JSON value may wait for the rest its Content-Length
/// announced before it is taken as a frame with a wrong length.
const STALL: Duration = Duration::from_secs(1);

/// The notification the transport sends the service in place of a frame to be answered with an
/// error; `DocumentSync` in `mod.rs` turns it into the error response.
pub const INVALID_MESSAGE: &str = "$/quotelens/invalidMessage";

/// One frame read from the input.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A JSON-RPC message, as bytes to pass on.
    Message(Vec<u8>),
    /// A frame that is not a usable message, to be answered with a JSON-RPC error: `code` is
    /// -32700 (not JSON) or -32600 (not a JSON-RPC message); `id` the request's id when it
    /// could be read, else null.
    Invalid { code: i64, id: Value, why: String },
    /// Something that is not even a frame (header junk, input ending mid-frame), with why.
    Dropped(String),
}

pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;

/// A buffered reader with bytes pushed back in front of it.
pub struct Rewind<R> {
    front: Vec<u8>,
    pos: usize,
    inner: R,
}

impl<R> Rewind<R> {
    pub fn new(inner: R) -> Rewind<R> {
        Rewind {
            front: Vec::new(),
            pos: 0,
            inner,
        }
    }

    /// Read `bytes` again before the rest of the input.
    fn push_back(&mut self, bytes: &[u8]) {
        let mut front = bytes.to_vec();
        front.extend_from_slice(&self.front[self.pos..]);
        self.front = front;
        self.pos = 0;
    }
}

impl<R: AsyncBufRead + Unpin> AsyncRead for Rewind<R> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        if this.pos < this.front.len() {
            let n = buf.remaining().min(this.front.len() - this.pos);
            buf.put_slice(&this.front[this.pos..this.pos + n]);
            this.pos += n;
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl<R: AsyncBufRead + Unpin> AsyncBufRead for Rewind<R> {
    fn poll_fill_buf(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<&[u8]>> {
        let this = self.get_mut();
        if this.pos < this.front.len() {
            return Poll::Ready(Ok(&this.front[this.pos..]));
        }
        Pin::new(&mut this.inner).poll_fill_buf(cx)
    }

    fn consume(self: Pin<&mut Self>, amt: usize) {
        let this = self.get_mut();
        if this.pos < this.front.len() {
            this.pos += amt;
            if this.pos >= this.front.len() {
                this.front = Vec::new();
                this.pos = 0;
            }
        } else {
            Pin::new(&mut this.inner).consume(amt);
        }
    }
}

/// Read one line (up to `\n`), keeping at most its last `MAX_HEADER_LINE` bytes. `None` at end
/// of input.
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
        let keep = &chunk[n.saturating_sub(MAX_HEADER_LINE)..];
        let overflow = (line.len() + keep.len()).saturating_sub(MAX_HEADER_LINE);
        line.drain(..overflow.min(line.len()));
        line.extend_from_slice(keep);
        input.consume(n);
        if done {
            return Ok(Some(line));
        }
    }
}

/// The value of a Content-Length header anywhere in a header line.
fn content_length(line: &str) -> Option<Result<usize, String>> {
    let lower = line.to_ascii_lowercase();
    let at = lower.rfind("content-length:")?;
    let value = line[at + "content-length:".len()..].trim();
    Some(
        value
            .parse::<usize>()
            .map_err(|_| format!("bad Content-Length {value:?}")),
    )
}

/// Where a body holding a whole JSON object runs into the next frame's header, if it does,
/// looking from `from` on. Each place tried costs a parse of the body before it, so only
/// `budget` places are tried per frame (a document can hold the header's text many times).
fn next_header_in(body: &[u8], from: usize, budget: &mut usize) -> Option<usize> {
    const HEADER: &[u8] = b"Content-Length:";
    let from = from.saturating_sub(HEADER.len() - 1);
    let finder = memchr::memmem::Finder::new(HEADER);
    for at in finder.find_iter(&body[from..]).map(|i| from + i) {
        let before = body[..at].trim_ascii_end();
        if *budget == 0 || before.last() != Some(&b'}') {
            continue;
        }
        *budget -= 1;
        if serde_json::from_slice::<IgnoredAny>(before).is_ok() {
            return Some(at);
        }
    }
    None
}

/// The id of a JSON-RPC message that is otherwise unusable: a number or a string, else null.
fn id_of(value: &Value) -> Value {
    match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    }
}

/// Replace lone UTF-16 surrogate escapes in JSON text by `\ufffd`; `None` when there are none.
pub fn replace_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    fn hex4(b: &[u8]) -> Option<u16> {
        let s = std::str::from_utf8(b.get(..4)?).ok()?;
        u16::from_str_radix(s, 16).ok()
    }
    let is_escape = |b: &[u8], i: usize| b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u');
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'\\', &body[i..]) {
        i += k;
        if !is_escape(body, i) {
            i += 2; // an escaped character, maybe a backslash
            continue;
        }
        let Some(unit) = hex4(&body[i + 2..]) else {
            i += 2;
            continue;
        };
        let high = (0xD800..0xDC00).contains(&unit);
        let low = (0xDC00..0xE000).contains(&unit);
        if high
            && is_escape(body, i + 6)
            && hex4(&body[i + 8..]).is_some_and(|u| (0xDC00..0xE000).contains(&u))
        {
            i += 12; // a proper pair
            continue;
        }
        if high || low {
            let o = out.get_or_insert_with(|| Vec::with_capacity(body.len()));
            o.extend_from_slice(&body[copied..i]);
            o.extend_from_slice(b"\\ufffd");
            copied = i + 6;
        }
        i += 6;
    }
    out.map(|mut o| {
        o.extend_from_slice(&body[copied..]);
        o
    })
}

/// What a frame's body is: a message tower-lsp-server can decode (possibly repaired), or an
/// error to answer it with.
pub fn check_message(body: Vec<u8>) -> Frame {
    let body = match String::from_utf8(body) {
        Ok(s) => s,
        Err(e) => {
            let s = String::from_utf8_lossy(e.as_bytes()).into_owned();
            tracing::warn!("a message held bytes that are not UTF-8; they became U+FFFD");
            s
        }
    };
    let decodes = |s: &str| {
        serde_json::from_str::<Request>(s).is_ok_and(|r| !r.method().is_empty())
            || serde_json::from_str::<Response>(s).is_ok()
    };
    if decodes(&body) {
        return Frame::Message(body.into_bytes());
    }
    if let Some(repaired) = replace_lone_surrogates(body.as_bytes())
        && let Ok(repaired) = String::from_utf8(repaired)
        && decodes(&repaired)
    {
        tracing::warn!("a message held lone UTF-16 surrogates; they became U+FFFD");
        return Frame::Message(repaired.into_bytes());
    }
    match serde_json::from_str::<Value>(&body) {
        Err(e) => Frame::Invalid {
            code: PARSE_ERROR,
            id: Value::Null,
            why: format!("not JSON: {e}"),
        },
        Ok(value) => Frame::Invalid {
            code: INVALID_REQUEST,
            id: id_of(&value),
            why: "not a JSON-RPC 2.0 request, notification or response".into(),
        },
    }
}

/// Read the next frame; `None` at end of input.
pub async fn read_frame<R: AsyncBufRead + Unpin>(
    input: &mut Rewind<R>,
) -> std::io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let Some(line) = read_line(input).await? else {
            return Ok(saw_header.then(|| Frame::Dropped("input ended inside a header".into())));
        };
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some(l) = content_length(line) {
            length = Some(l);
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
        let skipped = tokio::io::copy(
            &mut (&mut *input).take(length as u64),
            &mut tokio::io::sink(),
        )
        .await?;
        return Ok(Some(Frame::Invalid {
            code: INVALID_REQUEST,
            id: Value::Null,
            why: format!(
                "a message of {length} bytes, over the limit of {MAX_BODY} (skipped {skipped})"
            ),
        }));
    }
    let mut body = Vec::with_capacity(length.min(1 << 20));
    let mut budget = 4;
    while body.len() < length {
        // Wait for more of the body; a body that is already a whole JSON value and stalls has
        // a Content-Length that is too long.
        let chunk = match tokio::time::timeout(STALL, input.fill_buf()).await {
            Ok(chunk) => chunk?,
            Err(_) if serde_json::from_slice::<IgnoredAny>(&body).is_ok() => {
                return Ok(Some(wrong_length(body, length)));
            }
            Err(_) => continue,
        };
        if chunk.is_empty() {
            return Ok(Some(Frame::Dropped("input ended inside a message".into())));
        }
        let n = chunk.len().min(length - body.len());
        let before = body.len();
        body.extend_from_slice(&chunk[..n]);
        input.consume(n);
        if let Some(at) = next_header_in(&body, before, &mut budget) {
            input.push_back(&body[at..]);
            body.truncate(at);
            return Ok(Some(wrong_length(body, length)));
        }
    }
    Ok(Some(check_message(body)))
}

/// A body shorter than its Content-Length said: answered as invalid, to its id if it has one.
fn wrong_length(body: Vec<u8>, length: usize) -> Frame {
    let why = format!(
        "Content-Length {length} is longer than the message ({} bytes)",
        body.len()
    );
    match serde_json::from_slice::<Value>(&body) {
        Ok(v) => Frame::Invalid {
            code: INVALID_REQUEST,
            id: id_of(&v),
            why,
        },
        Err(_) => Frame::Invalid {
            code: PARSE_ERROR,
            id: Value::Null,
            why,
        },
    }
}

/// `input` with undecodable frames taken out: frames to answer with an error become
/// [`INVALID_MESSAGE`] notifications.
pub fn checked<R: AsyncRead + Unpin + Send + 'static>(input: R) -> impl AsyncRead + Unpin {
    let (reader, mut writer) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut input = Rewind::new(BufReader::new(input));
        loop {
            let body = match read_frame(&mut input).await {
                Ok(Some(Frame::Message(body))) => body,
                Ok(Some(Frame::Invalid { code, id, why })) => {
                    tracing::warn!("answered a message from the client with error {code}: {why}");
                    let note = json!({"jsonrpc": "2.0", "method": INVALID_MESSAGE,
                                      "params": {"code": code, "id": id, "message": why}});
                    note.to_string().into_bytes()
                }
                Ok(Some(Frame::Dropped(why))) => {
                    tracing::warn!("dropped input from the client: {why}");
                    continue;
                }
                Ok(None) => break,
                Err(e) => {
                    tracing::error!("reading from the client failed: {e}");
                    break;
                }
            };
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            if writer.write_all(header.as_bytes()).await.is_err()
                || writer.write_all(&body).await.is_err()
            {
                break;
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
        let mut r = Rewind::new(BufReader::new(input));
        let mut out = Vec::new();
        while let Some(f) = read_frame(&mut r).await.unwrap() {
            out.push(f);
        }
        out
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn code(f: &Frame) -> Option<i64> {
        match f {
            Frame::Invalid { code, .. } => Some(*code),
            _ => None,
        }
    }

    const OK: &str = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;

    #[tokio::test]
    async fn good_frames_pass_and_bad_ones_are_answered_without_losing_the_next() {
        let mut input = String::new();
        input.push_str(&framed("{\"jsonrpc"));
        input.push_str(&framed("[1,2]"));
        input.push_str(&framed(r#"{"hello":"world","id":4}"#));
        input.push_str(&framed(r#"{"jsonrpc":"2.0","id":5}"#));
        input.push_str(&framed(r#"{"jsonrpc":"1.0","id":"x","method":"m"}"#));
        input.push_str("garbage line\r\n\r\n");
        input.push_str("Content-Length: twelve\r\n\r\n");
        input.push_str(&format!(
            "Content-Type: application/vscode-jsonrpc; charset=latin1\r\n{}",
            framed(OK)
        ));
        input.push_str(&framed(OK));
        let got = frames(input.as_bytes()).await;
        let kept: Vec<&Frame> = got
            .iter()
            .filter(|f| matches!(f, Frame::Message(_)))
            .collect();
        assert_eq!(
            kept,
            vec![&Frame::Message(OK.into()), &Frame::Message(OK.into())]
        );
        let codes: Vec<Option<i64>> = got.iter().map(code).collect();
        assert_eq!(
            codes,
            vec![
                Some(PARSE_ERROR),
                Some(INVALID_REQUEST),
                Some(INVALID_REQUEST),
                Some(INVALID_REQUEST),
                Some(INVALID_REQUEST),
                None,
                None,
                None,
                None
            ],
            "{got:?}"
        );
        let ids: Vec<Value> = got
            .iter()
            .filter_map(|f| match f {
                Frame::Invalid { id, .. } => Some(id.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            ids,
            vec![Value::Null, Value::Null, json!(4), json!(5), json!("x")]
        );
    }

    #[tokio::test]
    async fn oversized_and_truncated_frames_are_dropped() {
        let big = format!("Content-Length: {}\r\n\r\n", MAX_BODY + 1);
        let got = frames(big.as_bytes()).await;
        assert!(
            matches!(
                &got[..],
                [Frame::Invalid {
                    code: INVALID_REQUEST,
                    ..
                }]
            ),
            "{got:?}"
        );
        let got = frames(b"Content-Length: 50\r\n\r\n{\"a\":").await;
        assert!(matches!(&got[..], [Frame::Dropped(_)]), "{got:?}");
        let long_line = "x".repeat(100_000) + "\r\n\r\n";
        let got = frames(long_line.as_bytes()).await;
        assert!(matches!(&got[..], [Frame::Dropped(_)]), "{got:?}");
    }

    #[tokio::test]
    async fn a_wrong_content_length_loses_only_its_own_frame() {
        let req = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;
        // Too short: the rest of the body sits in front of the next header.
        let short = format!("Content-Length: {}\r\n\r\n{req}", req.len() - 5);
        let got = frames((short + &framed(OK)).as_bytes()).await;
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(code(&got[0]), Some(PARSE_ERROR));
        assert_eq!(got[1], Frame::Message(OK.into()));
        // Too long: the body runs into the next frame, which is read again; the first frame
        // is answered to its id.
        let long = format!("Content-Length: {}\r\n\r\n{req}", req.len() + 20);
        let got = frames((long + &framed(OK) + &framed(OK)).as_bytes()).await;
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            matches!(&got[0], Frame::Invalid { code: INVALID_REQUEST, id, .. } if *id == json!(7)),
            "{got:?}"
        );
        assert_eq!(got[1], Frame::Message(OK.into()));
        assert_eq!(got[2], Frame::Message(OK.into()));
        // A long junk line hides the header at its end.
        let junk = "y".repeat(50_000) + &framed(OK);
        let got = frames(junk.as_bytes()).await;
        assert_eq!(got, vec![Frame::Message(OK.into())]);
    }

    #[tokio::test]
    async fn a_too_long_frame_that_stalls_is_answered() {
        let req = r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#;
        let (mut client, server) = tokio::io::duplex(1024);
        let header = format!("Content-Length: {}\r\n\r\n{req}", req.len() + 100);
        client.write_all(header.as_bytes()).await.unwrap();
        let mut r = Rewind::new(BufReader::new(server));
        let f = read_frame(&mut r).await.unwrap().unwrap();
        assert!(
            matches!(&f, Frame::Invalid { code: INVALID_REQUEST, id, .. } if *id == json!(3)),
            "{f:?}"
        );
        // What comes next is read as a new frame.
        client.write_all(framed(OK).as_bytes()).await.unwrap();
        let f = read_frame(&mut r).await.unwrap().unwrap();
        assert_eq!(f, Frame::Message(OK.into()));
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let body = br#"{"a":"x\ud800y\udc00z\ud83d\ude00\\ud800\\\udfff"}"#;
        let fixed = replace_lone_surrogates(body).unwrap();
        assert_eq!(
            std::str::from_utf8(&fixed).unwrap(),
            r#"{"a":"x\ufffdy\ufffdz\ud83d\ude00\\ud800\\\ufffd"}"#
        );
        let v: Value = serde_json::from_slice(&fixed).unwrap();
        assert_eq!(v["a"], "x\u{fffd}y\u{fffd}z😀\\ud800\\\u{fffd}");
        assert_eq!(replace_lone_surrogates(br#"{"a":"\ud83d\ude00"}"#), None);
        // A message with one is repaired rather than dropped.
        let note = r#"{"jsonrpc":"2.0","method":"m","params":{"text":"a\udbffb"}}"#;
        match check_message(note.as_bytes().to_vec()) {
            Frame::Message(m) => {
                let v: Value = serde_json::from_slice(&m).unwrap();
                assert_eq!(v["params"]["text"], "a\u{fffd}b");
            }
            other => panic!("{other:?}"),
        }
        // Invalid UTF-8 too.
        let mut raw = br#"{"jsonrpc":"2.0","method":"m","params":{"text":"a"#.to_vec();
        raw.extend_from_slice(b"\xff\xfeb\"}}");
        match check_message(raw) {
            Frame::Message(m) => {
                let v: Value = serde_json::from_slice(&m).unwrap();
                assert_eq!(v["params"]["text"], "a\u{fffd}\u{fffd}b");
            }
            other => panic!("{other:?}"),
        }
    }
}
