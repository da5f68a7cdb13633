//! A token bucket rate limiter and its configuration: the shapes a
//! reviewer meets in Rust (structs, enums, traits, impl blocks, generic
//! impls, modules, macros, constants, statics, closures).

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, Instant};

pub const DEFAULT_RATE: u32 = 10;
pub static VERSION: &str = "0.3.1";
static mut DEBUG: bool = false;

pub type Key = String;
type Clock = fn() -> Instant;

#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Allow,
    Deny { retry_after: Duration },
}

#[derive(Debug)]
pub struct Config {
    pub rate: u32,
    pub burst: u32,
    pub window: Duration,
}

pub struct Bucket {
    tokens: f64,
    last: Instant,
}

pub struct Limiter<K> {
    config: Config,
    buckets: HashMap<K, Bucket>,
    clock: Clock,
}

pub trait Policy {
    fn decide(&mut self, key: &str) -> Decision;
    fn reset(&mut self) {}
}

pub union Bits {
    pub f: f32,
    pub u: u32,
}

macro_rules! deny_for {
    ($ms:expr) => {
        Decision::Deny { retry_after: Duration::from_millis($ms) }
    };
}

impl Default for Config {
    fn default() -> Self {
        Config { rate: DEFAULT_RATE, burst: DEFAULT_RATE * 2, window: Duration::from_secs(1) }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Allow => write!(f, "allow"),
            Decision::Deny { retry_after } => write!(f, "deny for {:?}", retry_after),
        }
    }
}

impl Bucket {
    fn new(tokens: f64, now: Instant) -> Self {
        Bucket { tokens, last: now }
    }

    fn refill(&mut self, now: Instant, rate: f64, cap: f64) {
        let dt = now.duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + dt * rate).min(cap);
        self.last = now;
    }
}

impl<K: std::hash::Hash + Eq + Clone> Limiter<K> {
    pub fn new(config: Config) -> Self {
        Limiter { config, buckets: HashMap::new(), clock: Instant::now }
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn check(&mut self, key: &K) -> Decision {
        let now = (self.clock)();
        let rate = self.config.rate as f64 / self.config.window.as_secs_f64();
        let cap = self.config.burst as f64;
        let b = self.buckets.entry(key.clone()).or_insert_with(|| Bucket::new(cap, now));
        b.refill(now, rate, cap);
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Decision::Allow
        } else {
            let wait = ((1.0 - b.tokens) / rate * 1000.0) as u64;
            deny_for!(wait)
        }
    }

    pub fn forget(&mut self, key: &K) -> bool {
        self.buckets.remove(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.buckets.len()
    }
}

impl Policy for Limiter<String> {
    fn decide(&mut self, key: &str) -> Decision {
        self.check(&key.to_string())
    }

    fn reset(&mut self) {
        self.buckets.clear();
    }
}

pub fn parse_rate(s: &str) -> Result<(u32, Duration), String> {
    let (n, unit) = s.split_once('/').ok_or_else(|| format!("no '/' in {}", s))?;
    let n: u32 = n.trim().parse().map_err(|e| format!("{}: {}", n, e))?;
    let window = match unit.trim() {
        "s" => Duration::from_secs(1),
        "m" => Duration::from_secs(60),
        "h" => Duration::from_secs(3600),
        other => return Err(format!("unknown unit {}", other)),
    };
    Ok((n, window))
}

pub fn enable_debug() {
    unsafe {
        DEBUG = true;
    }
}

pub mod middleware {
    use super::{Decision, Policy};

    pub struct Request {
        pub client: String,
        pub path: String,
    }

    pub fn guard<P: Policy>(policy: &mut P, req: &Request) -> Result<(), String> {
        match policy.decide(&req.client) {
            Decision::Allow => Ok(()),
            d => Err(format!("{} {}: {}", req.client, req.path, d)),
        }
    }

    pub mod metrics {
        pub static mut DENIED: u64 = 0;

        pub fn denied() -> u64 {
            unsafe { DENIED }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_burst() {
        let mut l: Limiter<String> = Limiter::new(Config::default());
        for _ in 0..20 {
            assert_eq!(l.check(&"a".to_string()), Decision::Allow);
        }
    }
}
