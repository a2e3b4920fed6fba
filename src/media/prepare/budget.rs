//! "This course must fit in N MB": the video rate ceiling that keeps every
//! prepared video of a course, together, under a budget.
//!
//! Sizes are bounded, not guessed: each encode is capped CRF (see
//! `plan.rs`), so a video of `d` seconds at a ceiling of `v` kbit/s for the
//! pictures and `a` for the sound takes at most `(v + a) × d / 8` bytes,
//! plus the MP4 index (about 2 %). The predicted size shown before starting
//! is that bound; the real size after is usually well below it, because
//! the ceiling only bites on busy scenes.
//!
//! One ceiling for all the videos (same quality everywhere), the highest
//! that fits: `(budget − other files − allowance) / Σ d`. Below
//! [`MIN_VIDEO_KBPS`] we refuse and say the smallest size possible.

use super::recipe::{ProfileSettings, MIN_AUDIO_KBPS, MIN_VIDEO_KBPS};

/// Container overhead over the streams (MP4 index, headers): 2 %, at least 64 kB.
pub fn with_overhead(stream_bytes: u64) -> u64 {
    stream_bytes + (stream_bytes / 50).max(64_000)
}

/// At most how big a video of `duration_ms` gets with these ceilings.
pub fn bound(duration_ms: u64, video_kbps: u32, audio_kbps: Option<u32>) -> u64 {
    let kbps = video_kbps as u64 + audio_kbps.unwrap_or(0) as u64;
    with_overhead(kbps * duration_ms / 8)
}

/// What fits, for the videos of one run.
#[derive(Debug, Clone, PartialEq)]
pub enum Fit {
    /// The profile's own ceiling fits: no lower rate needed.
    ProfileFits,
    /// This video ceiling (kbit/s) for every video.
    Ceiling(u32),
    /// Nothing fits; the smallest total possible, in bytes.
    TooSmall { smallest: u64 },
}

/// `videos` are `(duration_ms, has_audio)`; `fixed` is what else the
/// package carries (other media, posters, the player).
pub fn fit(budget: u64, fixed: u64, videos: &[(u64, bool)], settings: &ProfileSettings) -> Fit {
    let total = |v: u32, a: u32| -> u64 {
        fixed + videos.iter().map(|(d, audio)| bound(*d, v, audio.then_some(a))).sum::<u64>()
    };
    if total(settings.max_video_kbps, settings.audio_kbps) <= budget {
        return Fit::ProfileFits;
    }
    let smallest = total(MIN_VIDEO_KBPS, MIN_AUDIO_KBPS);
    if smallest > budget {
        return Fit::TooSmall { smallest };
    }
    // The sound at the rate the encode will use for a lowered ceiling
    // (see plan::encode), then the highest video ceiling that fits.
    let mut lo = MIN_VIDEO_KBPS;
    let mut hi = settings.max_video_kbps;
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if total(mid, audio_for(mid, settings)) <= budget {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if total(lo, audio_for(lo, settings)) > budget {
        return Fit::TooSmall { smallest };
    }
    Fit::Ceiling(lo)
}

/// The sound rate the encode uses under a video ceiling (mirrors `plan::encode`).
pub fn audio_for(video_kbps: u32, settings: &ProfileSettings) -> u32 {
    if video_kbps < settings.max_video_kbps / 2 {
        MIN_AUDIO_KBPS.max(settings.audio_kbps / 2)
    } else {
        settings.audio_kbps
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::prepare::recipe::Profile;

    #[test]
    fn ceiling_keeps_the_total_under_the_budget() {
        let s = Profile::Standard.settings();
        let videos = [(600_000, true), (300_000, true), (1_200_000, false)];
        let fixed = 2_000_000;
        match fit(100_000_000, fixed, &videos, &s) {
            Fit::Ceiling(v) => {
                let a = audio_for(v, &s);
                let total: u64 =
                    fixed + videos.iter().map(|(d, au)| bound(*d, v, au.then_some(a))).sum::<u64>();
                assert!(total <= 100_000_000 && v >= MIN_VIDEO_KBPS && v < s.max_video_kbps);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(fit(10_000_000_000, fixed, &videos, &s), Fit::ProfileFits);
        match fit(1_000_000, fixed, &videos, &s) {
            Fit::TooSmall { smallest } => assert!(smallest > 1_000_000),
            other => panic!("{other:?}"),
        }
    }
}
