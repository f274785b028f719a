//! Charts as SVG text, made here so that learners' and trainers' pages download no chart
//! library. Each chart is `role="img"` with a `<title>` and `<desc>` naming what it shows;
//! the renderer puts its data table right after it. Colours are presentation attributes and
//! classes only (no `style` attribute), so the charts pass a strict Content-Security-Policy,
//! and a red-line bar is also marked in words, never by colour alone.

use crate::report::Bin;
use std::fmt::Write as _;

/// Escapes text for XML and HTML (text and attribute values).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Cuts `text` to `max` characters with an ellipsis.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// One bar of a bar chart.
pub struct Bar {
    /// Its label (the choice id, with "red line" or "strongest" when it is).
    pub label: String,
    /// The count.
    pub count: u64,
    /// Share of the total, 0..1.
    pub share: Option<f64>,
    /// Drawn as a red-line bar.
    pub critical: bool,
    /// Drawn as a strongest choice.
    pub strongest: bool,
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(
        || "–".to_string(),
        |s| format!("{}%", (s * 100.0).round() as i64),
    )
}

/// A horizontal bar per choice: label, bar, "count (percent)".
pub fn bars(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let row = 30;
    let label_w = 230;
    let bar_w = 300;
    let width = label_w + bar_w + 110;
    let height = row * bars.len().max(1) + 10;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bars" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {width} {height}" width="{width}" height="{height}"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(title),
        escape(desc)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 5 + i * row;
        let w = (b.count as f64 / max as f64 * bar_w as f64).round() as usize;
        let (class, fill) = if b.critical {
            ("bar bar-critical", "#a4262c")
        } else if b.strongest {
            ("bar bar-strongest", "#1b6e3a")
        } else {
            ("bar", "#1f5f8b")
        };
        let _ = write!(
            s,
            r##"<text class="chart-label" x="{}" y="{}" text-anchor="end" font-size="13" fill="#1a1a1a">{}</text><rect class="{class}" x="{label_w}" y="{}" width="{}" height="{}" fill="{fill}"/><text class="chart-value" x="{}" y="{}" font-size="13" fill="#1a1a1a">{} ({})</text>"##,
            label_w - 8,
            y + 19,
            escape(&truncate(&b.label, 32)),
            y + 4,
            w.max(1),
            row - 10,
            label_w + w + 6,
            y + 19,
            b.count,
            percent(b.share)
        );
    }
    s.push_str("</svg>");
    s
}

/// A histogram of percents in 10-point bins, with the count over each bar.
pub fn histogram(id: &str, title: &str, desc: &str, bins: &[Bin]) -> String {
    let (width, height, base, top) = (520usize, 210usize, 170usize, 20usize);
    let left = 40usize;
    let slot = (width - left - 10) / bins.len().max(1);
    let max = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-histogram" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {width} {height}" width="{width}" height="{height}"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc><line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="#555" stroke-width="1"/>"##,
        escape(title),
        escape(desc),
        width - 10
    );
    for (i, b) in bins.iter().enumerate() {
        let x = left + i * slot;
        let h = (b.count as f64 / max as f64 * (base - top) as f64).round() as usize;
        let _ = write!(
            s,
            r##"<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="#1f5f8b"/><text class="chart-value" x="{}" y="{}" text-anchor="middle" font-size="12" fill="#1a1a1a">{}</text><text class="chart-label" x="{}" y="{}" text-anchor="middle" font-size="11" fill="#1a1a1a">{}–{}</text>"##,
            x + 3,
            base - h,
            slot - 6,
            h,
            x + slot / 2,
            base - h - 4,
            b.count,
            x + slot / 2,
            base + 16,
            b.from,
            b.to
        );
    }
    s.push_str("</svg>");
    s
}
