//! Instants as the statements write them (RFC 3339 / ISO 8601 with an offset) turned into
//! microseconds since 1970 UTC, the unit ClickHouse's `DateTime64(6)` stores, so both paths
//! order and filter statements on the same integer.

/// Microseconds since 1970-01-01T00:00:00Z.
pub type Micros = i64;

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    // Howard Hinnant's algorithm: days since 1970-01-01 for a proleptic Gregorian date.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn digits(s: &[u8]) -> Option<i64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0i64, |n, b| n * 10 + i64::from(b - b'0')))
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (also `±HHMM`, a space for `T`, and a
/// missing offset read as UTC). Fractions past microseconds are cut, as ClickHouse's
/// `DateTime64(6)` does. `None` when it is not such a time.
pub fn parse_instant(text: &str) -> Option<Micros> {
    let b = text.trim().as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !(b[10] == b'T' || b[10] == b't' || b[10] == b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    let (h, mi, s) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut rest = &b[19..];
    let mut micros = 0i64;
    if let Some((b'.', frac)) = rest.split_first() {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        let mut scale = 100_000i64;
        for &c in &frac[..n.min(6)] {
            micros += i64::from(c - b'0') * scale;
            scale /= 10;
        }
        rest = &frac[n..];
    }
    let offset_minutes = match rest {
        [] | [b'Z'] | [b'z'] => 0,
        [sign @ (b'+' | b'-'), hh @ ..] => {
            let (oh, om) = match hh {
                [a, b, b':', c, d] | [a, b, c, d] => (digits(&[*a, *b])?, digits(&[*c, *d])?),
                [a, b] => (digits(&[*a, *b])?, 0),
                _ => return None,
            };
            let m = oh * 60 + om;
            if *sign == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo, d);
    let seconds = days * 86_400 + h * 3600 + mi * 60 + s - offset_minutes * 60;
    Some(seconds * 1_000_000 + micros)
}

/// Parses a date bound from the command line: a full instant, or `YYYY-MM-DD` (midnight UTC).
pub fn parse_bound(text: &str) -> Option<Micros> {
    let t = text.trim();
    if t.len() == 10 {
        return parse_instant(&format!("{t}T00:00:00Z"));
    }
    parse_instant(t)
}

/// Formats microseconds as `YYYY-MM-DDTHH:MM:SS.mmmZ` (for generated statements and notes).
pub fn format_instant(micros: Micros) -> String {
    let secs = micros.div_euclid(1_000_000);
    let ms = micros.rem_euclid(1_000_000) / 1000;
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    // Inverse of days_from_civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
        sod / 3600,
        sod / 60 % 60,
        sod % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_utc_microseconds() {
        assert_eq!(parse_instant("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_instant("1970-01-01T00:00:01.5Z"), Some(1_500_000));
        assert_eq!(
            parse_instant("2026-12-03T15:00:00+01:00"),
            parse_instant("2026-12-03T14:00:00.000Z")
        );
        assert_eq!(
            parse_instant("2026-12-03T14:00:00.1234567Z"),
            parse_instant("2026-12-03T14:00:00.123456Z")
        );
        assert_eq!(parse_instant("2026-12-03"), None);
        assert_eq!(parse_instant("not a time at all!!"), None);
        assert_eq!(
            parse_bound("2026-12-03"),
            parse_instant("2026-12-03T00:00:00Z")
        );
        let t = parse_instant("2024-02-29T23:59:58.250Z").unwrap();
        assert_eq!(format_instant(t), "2024-02-29T23:59:58.250Z");
    }
}
