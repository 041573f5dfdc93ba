//! Logging: tracing events go to stderr, and quotelens's own events also to the client as
//! window/logMessage, filtered by the trace level the client asked for.

use std::fmt::Write;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};
use tokio::sync::mpsc;
use tower_lsp_server::ls_types::{MessageType, TraceValue};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{Layer, registry};

/// The environment variable that sets the level of stderr logging (error, warn, info, debug,
/// trace; default info).
pub const LOG_ENV: &str = "QUOTELENS_LOG";

/// 0: trace off (warnings and errors only), 1: messages (info too), 2: verbose (debug too).
static CLIENT_TRACE: AtomicU8 = AtomicU8::new(0);

/// Queued messages for the client; bounded so a flood of logs cannot grow memory.
const QUEUE: usize = 256;

type ClientMessage = (MessageType, String);

static SENDER: OnceLock<Mutex<Option<mpsc::Sender<ClientMessage>>>> = OnceLock::new();

pub fn set_trace(value: TraceValue) {
    let level = match value {
        TraceValue::Off => 0,
        TraceValue::Messages => 1,
        TraceValue::Verbose => 2,
    };
    CLIENT_TRACE.store(level, Ordering::Relaxed);
}

fn client_wants(level: Level) -> bool {
    let max = match CLIENT_TRACE.load(Ordering::Relaxed) {
        0 => Level::WARN,
        1 => Level::INFO,
        _ => Level::DEBUG,
    };
    level <= max
}

struct ClientLayer;

impl<S: Subscriber> Layer<S> for ClientLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let meta = event.metadata();
        // Only our own events: forwarding the transport's own would feed back on itself.
        if !meta.target().starts_with("quotelens") || !client_wants(*meta.level()) {
            return;
        }
        let Some(tx) = SENDER.get().and_then(|s| s.lock().ok()?.clone()) else {
            return;
        };
        let mut message = String::new();
        event.record(&mut Visitor(&mut message));
        let kind = match *meta.level() {
            Level::ERROR => MessageType::ERROR,
            Level::WARN => MessageType::WARNING,
            Level::INFO => MessageType::INFO,
            _ => MessageType::LOG,
        };
        let _ = tx.try_send((kind, message));
    }
}

struct Visitor<'a>(&'a mut String);

impl tracing::field::Visit for Visitor<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        } else {
            let _ = write!(self.0, " {}={value:?}", field.name());
        }
    }
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "message" {
            self.0.push_str(value);
        } else {
            let _ = write!(self.0, " {}={value}", field.name());
        }
    }
}

/// Install the subscriber: stderr at `QUOTELENS_LOG` (default info) for quotelens, warnings
/// for other crates; and the client forwarder. Returns the receiver of client messages.
pub fn init() -> mpsc::Receiver<ClientMessage> {
    let level = std::env::var(LOG_ENV)
        .ok()
        .and_then(|v| v.parse::<LevelFilter>().ok())
        .unwrap_or(LevelFilter::INFO);
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_filter(
            Targets::new()
                .with_default(LevelFilter::WARN)
                .with_target("quotelens", level),
        );
    let (tx, rx) = mpsc::channel(QUEUE);
    *SENDER
        .get_or_init(|| Mutex::new(None))
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = Some(tx);
    let client =
        ClientLayer.with_filter(Targets::new().with_target("quotelens", LevelFilter::DEBUG));
    let _ = registry().with(stderr).with(client).try_init();
    rx
}
