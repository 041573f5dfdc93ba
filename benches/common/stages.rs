//! Hooks on the stages of `analyze()`: it marks each with a `trace` span `analysis_stage`
//! whose `stage` field names it, and [`StageHooks`] calls a function as each starts and ends.

use tracing::span::{Attributes, Id};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

/// A layer calling `start()` when an analysis stage is entered and `end(stage)` when it is
/// left.
pub struct StageHooks<S, E> {
    pub start: S,
    pub end: E,
}

impl<S, E> StageHooks<S, E>
where
    S: Fn() + Send + Sync + 'static,
    E: Fn(&'static str) + Send + Sync + 'static,
{
    /// Install as the process's subscriber.
    pub fn install(self) {
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(self))
            .expect("no other subscriber");
    }
}

struct StageName(&'static str);

/// The stage names, each leaked once (there are a dozen).
fn intern(name: String) -> &'static str {
    static NAMES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut names = NAMES.lock().expect("not poisoned");
    match names.iter().find(|n| **n == name) {
        Some(n) => n,
        None => {
            let n: &'static str = Box::leak(name.into_boxed_str());
            names.push(n);
            n
        }
    }
}

#[derive(Default)]
struct NameVisitor(Option<String>);

impl tracing::field::Visit for NameVisitor {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "stage" {
            self.0 = Some(value.to_string());
        }
    }
    fn record_debug(&mut self, _: &tracing::field::Field, _: &dyn std::fmt::Debug) {}
}

impl<T, S, E> Layer<T> for StageHooks<S, E>
where
    T: tracing::Subscriber + for<'a> LookupSpan<'a>,
    S: Fn() + Send + Sync + 'static,
    E: Fn(&'static str) + Send + Sync + 'static,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, T>) {
        if attrs.metadata().name() != "analysis_stage" {
            return;
        }
        let mut name = NameVisitor::default();
        attrs.record(&mut name);
        if let (Some(span), Some(name)) = (ctx.span(id), name.0) {
            span.extensions_mut().insert(StageName(intern(name)));
        }
    }

    fn on_enter(&self, id: &Id, ctx: Context<'_, T>) {
        if ctx
            .span(id)
            .is_some_and(|s| s.extensions().get::<StageName>().is_some())
        {
            (self.start)();
        }
    }

    fn on_exit(&self, id: &Id, ctx: Context<'_, T>) {
        if let Some(span) = ctx.span(id)
            && let Some(name) = span.extensions().get::<StageName>()
        {
            (self.end)(name.0);
        }
    }
}
