//! What can go wrong when a video is prepared, each with its own stable
//! code and a message in Portuguese and English that says what to do.
//! They sit behind one variant of the crate's `Error`
//! ([`crate::Error::Prepare`]) so that this feature adds one line to the
//! shared error file, not twenty.

use std::path::PathBuf;

/// A failure of `juntos media prepare` that the person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrepareError {
    /// No `ffmpeg` program beside the app nor on the PATH.
    FfmpegMissing,
    /// `ffmpeg -version` did not answer like ffmpeg 4 or newer.
    FfmpegUnusable { path: PathBuf, found: String },
    /// ffmpeg could not read the video: it is damaged. `last_line` is
    /// ffmpeg's own last words.
    FfmpegFailed { name: String, last_line: String },
    /// ffmpeg was stopped by a signal we did not send.
    FfmpegKilled { name: String },
    /// The file has no video stream (an audio file, or a photo).
    NotAVideo { name: String },
    /// The trim does not lie inside the video (or ends before it starts).
    TrimOutside { name: String, start_ms: u64, end_ms: u64, duration_ms: u64 },
    /// The poster time is not inside the (trimmed) video.
    PosterOutside { name: String, at_ms: u64, duration_ms: u64 },
    /// A time the person typed (`1:30`, `0:05-12:30`) that we cannot read.
    TimeInvalid { text: String },
    /// A size the person typed (`700MB`) that we cannot read.
    SizeInvalid { text: String },
    /// The budget cannot hold the course's videos even at the lowest rate.
    BudgetTooSmall { budget: u64, smallest: u64 },
    /// `--original` on a video that was never prepared, or whose original
    /// stayed with the organisation that made the package.
    NoOriginal { name: String },
    /// While this prepare ran, the item changed (another prepare, a go back,
    /// a detach in another window): nothing of this one is kept.
    ChangedMeanwhile { name: String },
    /// Longer than we agree to encode in one go (default 4 hours).
    TooLong { name: String, duration_ms: u64, limit_ms: u64 },
}

impl PrepareError {
    pub fn code(&self) -> &'static str {
        match self {
            PrepareError::FfmpegMissing => "ffmpeg_missing",
            PrepareError::FfmpegUnusable { .. } => "ffmpeg_unusable",
            PrepareError::FfmpegFailed { .. } => "prepare_ffmpeg_failed",
            PrepareError::FfmpegKilled { .. } => "prepare_ffmpeg_killed",
            PrepareError::NotAVideo { .. } => "prepare_not_a_video",
            PrepareError::TrimOutside { .. } => "prepare_trim_outside",
            PrepareError::PosterOutside { .. } => "prepare_poster_outside",
            PrepareError::TimeInvalid { .. } => "prepare_time_invalid",
            PrepareError::SizeInvalid { .. } => "prepare_size_invalid",
            PrepareError::BudgetTooSmall { .. } => "prepare_budget_too_small",
            PrepareError::NoOriginal { .. } => "prepare_no_original",
            PrepareError::TooLong { .. } => "prepare_too_long",
            PrepareError::ChangedMeanwhile { .. } => "prepare_changed_meanwhile",
        }
    }

    pub fn messages(&self) -> (String, String) {
        match self {
            PrepareError::FfmpegMissing => (
                "Para preparar vídeos é preciso o programa ffmpeg, que não foi encontrado (nem ao lado do Juntos Studio nem no PATH). Instale-o: no Debian/Ubuntu `sudo apt install ffmpeg`; no Windows e no macOS reinstale o Juntos Studio (traz o ffmpeg ao lado). Tudo o resto funciona sem ele.".into(),
                "Preparing videos needs the ffmpeg program, which was not found (neither beside Juntos Studio nor on the PATH). Install it: on Debian/Ubuntu `sudo apt install ffmpeg`; on Windows and macOS reinstall Juntos Studio (it ships ffmpeg beside the app). Everything else works without it.".into(),
            ),
            PrepareError::FfmpegUnusable { path, found } => (
                format!("O programa {} não respondeu como o ffmpeg 4 ou mais recente («{found}»). Instale o ffmpeg da sua distribuição (`sudo apt install ffmpeg`).", path.display()),
                format!("The program {} did not answer like ffmpeg 4 or newer ('{found}'). Install your distribution's ffmpeg (`sudo apt install ffmpeg`).", path.display()),
            ),
            PrepareError::FfmpegFailed { name, last_line } => (
                format!("O ffmpeg não conseguiu ler «{name}», que parece danificado: {last_line}. A biblioteca não mudou. Copie o vídeo de novo do telemóvel e volte a anexá-lo."),
                format!("ffmpeg could not read '{name}', which looks damaged: {last_line}. The library did not change. Copy the video again from the phone and attach it again."),
            ),
            PrepareError::FfmpegKilled { name } => (
                format!("O ffmpeg foi interrompido por outro programa enquanto preparava «{name}» (falta de memória?). A biblioteca não mudou. Feche outros programas e tente de novo."),
                format!("ffmpeg was stopped by another program while preparing '{name}' (out of memory?). The library did not change. Close other programs and try again."),
            ),
            PrepareError::NotAVideo { name } => (
                format!("«{name}» não tem imagem (é só áudio ou uma fotografia): só vídeos se preparam."),
                format!("'{name}' has no picture (it is audio only, or a photo): only videos can be prepared."),
            ),
            PrepareError::TrimOutside { name, start_ms, end_ms, duration_ms } => (
                format!("O corte {}-{} não cabe em «{name}», que dura {}. Indique um início antes do fim, ambos dentro do vídeo (por exemplo 0:05-{}).", clock(*start_ms), clock(*end_ms), clock(*duration_ms), clock(*duration_ms)),
                format!("The trim {}-{} does not fit '{name}', which lasts {}. Give a start before the end, both inside the video (e.g. 0:05-{}).", clock(*start_ms), clock(*end_ms), clock(*duration_ms), clock(*duration_ms)),
            ),
            PrepareError::PosterOutside { name, at_ms, duration_ms } => (
                format!("A imagem de capa em {} não está dentro de «{name}» ({} depois do corte). Escolha um momento dentro do vídeo.", clock(*at_ms), clock(*duration_ms)),
                format!("The poster time {} is not inside '{name}' ({} after the trim). Pick a time inside the video.", clock(*at_ms), clock(*duration_ms)),
            ),
            PrepareError::TimeInvalid { text } => (
                format!("«{text}» não é um tempo: escreva segundos (90), minutos:segundos (1:30) ou horas:minutos:segundos (1:02:03); um corte é INÍCIO-FIM (0:05-12:30)."),
                format!("'{text}' is not a time: write seconds (90), minutes:seconds (1:30) or hours:minutes:seconds (1:02:03); a trim is START-END (0:05-12:30)."),
            ),
            PrepareError::SizeInvalid { text } => (
                format!("«{text}» não é um tamanho: escreva por exemplo 700MB ou 1.5GB."),
                format!("'{text}' is not a size: write e.g. 700MB or 1.5GB."),
            ),
            PrepareError::BudgetTooSmall { budget, smallest } => (
                format!("Os vídeos deste curso não cabem em {}: o mínimo possível, na qualidade mais baixa que aceitamos, é {}. Aumente o limite, corte os vídeos ou divida o curso.", mb(*budget), mb(*smallest)),
                format!("This course's videos cannot fit in {}: the smallest possible, at the lowest quality we accept, is {}. Raise the budget, trim the videos or split the course.", mb(*budget), mb(*smallest)),
            ),
            PrepareError::NoOriginal { name } => (
                format!("«{name}» não tem um original nesta biblioteca (nunca foi preparado, ou veio num pacote, que nunca traz o original)."),
                format!("'{name}' has no original in this library (it was never prepared, or it came in a package, which never carries the original)."),
            ),
            PrepareError::ChangedMeanwhile { name } => (
                format!("«{name}» mudou enquanto era preparado (noutra janela?). Nada deste trabalho foi guardado; veja o estado atual dos ficheiros do curso e prepare de novo se for preciso."),
                format!("'{name}' changed while it was being prepared (in another window?). Nothing of this run was kept; check the course's files and prepare again if needed."),
            ),
            PrepareError::TooLong { name, duration_ms, limit_ms } => (
                format!("«{name}» dura {}, mais do que as {} que preparamos de uma vez. Corte-o em partes e anexe cada parte como um vídeo.", clock(*duration_ms), clock(*limit_ms)),
                format!("'{name}' lasts {}, more than the {} we prepare in one go. Cut it into parts and attach each part as its own video.", clock(*duration_ms), clock(*limit_ms)),
            ),
        }
    }
}

/// `1:02:03.500`, `2:03`, `0:05.250`: how people read times.
pub fn clock(ms: u64) -> String {
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let base = if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") };
    if frac == 0 {
        base
    } else {
        format!("{base}.{frac:03}")
    }
}

/// Megabytes as people count them on a USB stick (10^6).
pub fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
