//! Caption timestamps: `HH:MM:SS,mmm` (SRT) and `[HH:]MM:SS.mmm` (WebVTT).

/// Parses a timestamp; `None` when it is not one.
pub fn parse_time(s: &str) -> Option<u64> {
    let (clock, millis) = s.rsplit_once([',', '.'])?;
    if millis.len() != 3 || !millis.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let number = |p: &str, max: Option<u64>| -> Option<u64> {
        if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u64 = p.parse().ok()?;
        if max.is_some_and(|m| n >= m) {
            None
        } else {
            Some(n)
        }
    };
    let (h, m, sec) = match parts.as_slice() {
        [m, s] => (0, number(m, Some(60))?, number(s, Some(60))?),
        [h, m, s] => (number(h, None)?, number(m, Some(60))?, number(s, Some(60))?),
        _ => return None,
    };
    if parts.last().is_some_and(|s| s.len() != 2) {
        return None;
    }
    Some(((h * 60 + m) * 60 + sec) * 1000 + millis.parse::<u64>().ok()?)
}

pub fn format_vtt_time(ms: u64) -> String {
    let (h, rest) = (ms / 3_600_000, ms % 3_600_000);
    format!("{h:02}:{:02}:{:02}.{:03}", rest / 60_000, rest % 60_000 / 1000, rest % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_time("00:00:01,500"), Some(1500));
        assert_eq!(parse_time("01:02:03.004"), Some(3_723_004));
        assert_eq!(parse_time("02:03.004"), Some(123_004));
        assert_eq!(parse_time("00:61:00,000"), None);
        assert_eq!(parse_time("00:00:1,000"), None);
        assert_eq!(parse_time("00:00:01,00"), None);
        assert_eq!(parse_time("aa:00:01,000"), None);
        assert_eq!(format_vtt_time(3_723_004), "01:02:03.004");
    }
}
