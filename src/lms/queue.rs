//! The xAPI statements waiting to reach the LRS, kept in localStorage
//! (`scenario-quiz/v1/xapi-queue`) so that a reload or a closed page loses none: each
//! statement is queued, with its id fixed, *before* it is sent; the head of the queue is
//! sent first and removed only when the LRS has it; a failure keeps it and backs off.
//! Pure: `browser.rs` does the storage, the fetches and the timers.

use scenario_core::json::{self, Json};
use scenario_core::json_record;

/// One statement waiting for the LRS at `endpoint`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The LRS's base URL (the statements of another launch wait for it to come back).
    pub endpoint: String,
    /// The statement's id.
    pub id: String,
    /// The statement, as JSON text.
    pub body: String,
}

json_record!(Item { endpoint, id, body });

/// What the LRS's answer to a POST of the head means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 200 or 204 (stored, or the same statement was already), or 409 (a statement with this
    /// id is stored already: ours, since the id was made here): removed.
    Delivered,
    /// 400 and other refusals of the statement itself: sending again cannot help; moved to
    /// the rejected list (kept on the device, never resent) so the rest can go.
    Rejected,
    /// No answer, 401/403 (credentials), 408, 429, 5xx: kept, tried again later.
    Retry,
}

/// What an HTTP status (0: no answer) means for the statement sent.
pub fn outcome(status: u16) -> Outcome {
    match status {
        200 | 204 | 409 => Outcome::Delivered,
        400 | 404 | 405 | 413 | 415 | 422 => Outcome::Rejected,
        _ => Outcome::Retry,
    }
}

/// Milliseconds to wait after `failures` failures in a row: 1 s, 2 s, 4 s … at most 60 s.
pub fn backoff_ms(failures: u32) -> u32 {
    1000u32
        .saturating_mul(1 << failures.saturating_sub(1).min(6))
        .min(60_000)
}

/// The queue, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queue {
    /// Waiting statements, in the order they were made.
    pub items: Vec<Item>,
}

impl Queue {
    /// The queue saved as `text` (an empty queue when there is none; damaged entries, which
    /// this app never writes, are dropped).
    pub fn parse(text: Option<&str>) -> Queue {
        let items = text
            .and_then(|t| Json::parse(t).ok())
            .and_then(|value| match value {
                Json::Arr(items) => Some(items),
                _ => None,
            })
            .unwrap_or_default()
            .iter()
            .filter_map(|item| json::FromJson::from_json(item).ok())
            .collect();
        Queue { items }
    }

    /// The queue as JSON, for saving.
    pub fn to_json(&self) -> String {
        json::to_string(&self.items)
    }

    /// Adds a statement at the end (a statement already queued is not added twice).
    pub fn push(&mut self, item: Item) {
        if !self.items.iter().any(|i| i.id == item.id) {
            self.items.push(item);
        }
    }

    /// The oldest statement for `endpoint`: the one to send next.
    pub fn head(&self, endpoint: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.endpoint == endpoint)
    }

    /// Takes the statement `id` out of the queue (after delivery or rejection).
    pub fn remove(&mut self, id: &str) -> Option<Item> {
        let at = self.items.iter().position(|i| i.id == id)?;
        Some(self.items.remove(at))
    }

    /// Every statement for `endpoint`, oldest first, as one JSON array of at most
    /// `max_bytes` (a `keepalive` request's body must stay under 64 KiB): for the last send
    /// as the page goes away.
    pub fn batch(&self, endpoint: &str, max_bytes: usize) -> Option<String> {
        let mut out = String::from("[");
        for item in self.items.iter().filter(|i| i.endpoint == endpoint) {
            if out.len() + item.body.len() + 2 > max_bytes {
                break;
            }
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&item.body);
        }
        out.push(']');
        (out.len() > 2).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(endpoint: &str, n: u32) -> Item {
        Item {
            endpoint: endpoint.into(),
            id: format!("id-{n}"),
            body: format!("{{\"id\":\"id-{n}\"}}"),
        }
    }

    #[test]
    fn sent_in_order_removed_once_and_kept_across_a_reload() {
        let mut queue = Queue::default();
        for n in 1..=3 {
            queue.push(item("https://a/", n));
        }
        queue.push(item("https://b/", 4));
        queue.push(item("https://a/", 2)); // queued again: not twice
        assert_eq!(queue.items.len(), 4);
        assert_eq!(queue.head("https://a/").unwrap().id, "id-1");
        let reloaded = Queue::parse(Some(&queue.to_json()));
        assert_eq!(reloaded, queue, "the saved queue reads back the same");
        queue.remove("id-1");
        assert_eq!(queue.head("https://a/").unwrap().id, "id-2");
        assert_eq!(queue.head("https://b/").unwrap().id, "id-4");
        assert_eq!(
            queue.batch("https://a/", 65_000).unwrap(),
            r#"[{"id":"id-2"},{"id":"id-3"}]"#
        );
        assert_eq!(queue.batch("https://a/", 20).unwrap(), r#"[{"id":"id-2"}]"#);
        assert_eq!(queue.batch("https://c/", 65_000), None);
        assert_eq!(Queue::parse(Some("not json")), Queue::default());
        assert_eq!(Queue::parse(None), Queue::default());
    }

    #[test]
    fn outcomes_and_backoff() {
        assert_eq!(outcome(200), Outcome::Delivered);
        assert_eq!(outcome(204), Outcome::Delivered);
        assert_eq!(outcome(409), Outcome::Delivered);
        assert_eq!(outcome(400), Outcome::Rejected);
        for status in [0, 401, 403, 408, 429, 500, 502, 503] {
            assert_eq!(outcome(status), Outcome::Retry, "{status}");
        }
        assert_eq!(backoff_ms(1), 1000);
        assert_eq!(backoff_ms(2), 2000);
        assert_eq!(backoff_ms(7), 60_000);
        assert_eq!(backoff_ms(40), 60_000);
    }
}
