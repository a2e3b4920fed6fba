//! What can go wrong when a sign-language interpreter is linked to a video,
//! each with its own stable code and a message in Portuguese and English.
//! They sit behind one variant of the crate's `Error` ([`crate::Error::Sign`]),
//! so this feature adds one line to the shared error file.

/// A refusal of a sign-language link that the person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    /// The video or the interpreter is not a video (an image, a sound).
    NotAVideo { name: String },
    /// A video cannot be its own interpreter.
    SameVideo { name: String },
    /// The offset puts the interpreter wholly before or after the video.
    OffsetOutside { name: String, offset_ms: i64, duration_ms: u64 },
}

impl SignError {
    pub fn code(&self) -> &'static str {
        match self {
            SignError::NotAVideo { .. } => "sign_not_a_video",
            SignError::SameVideo { .. } => "sign_same_video",
            SignError::OffsetOutside { .. } => "sign_offset_outside",
        }
    }

    pub fn messages(&self) -> (String, String) {
        match self {
            SignError::NotAVideo { name } => (
                format!("«{name}» não é um vídeo: a interpretação em língua gestual liga um vídeo a outro vídeo. Nada mudou."),
                format!("'{name}' is not a video: sign-language interpretation links a video to another video. Nothing changed."),
            ),
            SignError::SameVideo { name } => (
                format!("«{name}» não pode ser o intérprete de si próprio. Escolha o vídeo do intérprete."),
                format!("'{name}' cannot be its own interpreter. Choose the interpreter's video."),
            ),
            SignError::OffsetOutside { name, offset_ms, duration_ms } => {
                let off = offset_ms.unsigned_abs() as f64 / 1000.0;
                let sign = if *offset_ms < 0 { "-" } else { "" };
                let dur = *duration_ms as f64 / 1000.0;
                (
                    format!("Um desfasamento de {sign}{off:.1} s fica fora de «{name}» ({dur:.1} s): o intérprete nunca apareceria. Use um desfasamento menor. Nada mudou."),
                    format!("An offset of {sign}{off:.1} s falls outside '{name}' ({dur:.1} s): the interpreter would never show. Use a smaller offset. Nothing changed."),
                )
            }
        }
    }

    /// The named details, for the app's own sentences.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        match self {
            SignError::NotAVideo { name } | SignError::SameVideo { name } => {
                vec![("name", name.clone())]
            }
            SignError::OffsetOutside { name, offset_ms, duration_ms } => vec![
                ("name", name.clone()),
                ("offset_ms", offset_ms.to_string()),
                ("duration_ms", duration_ms.to_string()),
            ],
        }
    }
}
