//! Parsing JSON from a package with a size and depth limit.
//!
//! serde_json has its own recursion limit, but a depth check over the raw
//! bytes first gives a clear refusal (and bounds the `Value` tree we build).

use serde::de::DeserializeOwned;

use super::problem::Problem;

/// The deepest `[`/`{` nesting in `bytes`, ignoring brackets inside strings;
/// stops counting once past `max`.
pub fn depth(bytes: &[u8], max: usize) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
                if deepest > max {
                    return deepest;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

pub fn parse<T: DeserializeOwned>(
    bytes: &[u8],
    max_bytes: u64,
    max_depth: usize,
) -> Result<T, Problem> {
    if bytes.len() as u64 > max_bytes {
        return Err(Problem::JsonTooLarge { size: bytes.len() as u64, max: max_bytes });
    }
    if depth(bytes, max_depth) > max_depth {
        return Err(Problem::JsonTooDeep { max: max_depth });
    }
    serde_json::from_slice(bytes).map_err(|e| Problem::JsonInvalid { detail: e.to_string() })
}

#[cfg(test)]
mod tests {
    #[test]
    fn depth_ignores_strings() {
        assert_eq!(super::depth(br#"{"a": [1, {"b": "[[[{{{"}]}"#, 64), 3);
        assert_eq!(super::depth(br#"["\"[", []]"#, 64), 2);
        assert_eq!(super::depth(&[b'['; 1000], 10), 11);
    }
}
