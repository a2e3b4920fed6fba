//! What can go wrong with results files and learners, each with its own
//! stable code and a message in Portuguese and English. They sit behind one
//! variant of the crate's `Error` ([`crate::Error::Results`]) so that this
//! feature adds a few lines to the shared error file, not fifteen variants.
//! Every refusal of a file leaves the library exactly as it was, and says so.

use std::collections::BTreeMap;

/// A results file or a learner operation the person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultsError {
    /// The file is for a course this library does not have (by id).
    CourseUnknown { path: String, course_id: String, title: String },
    /// Not JSON, or JSON cut short (`truncated`).
    Damaged { path: String, truncated: bool, reason: String },
    /// JSON, but not a results file (another `format`, or no envelope).
    WrongFormat { path: String },
    /// A results file made by a newer player than this program knows.
    VersionTooNew { path: String, version: u64, supported: u64 },
    /// The body does not match its checksum: changed or damaged on the way.
    ChecksumMismatch { path: String },
    /// Larger than [`super::MAX_FILE_BYTES`].
    TooLarge { path: String, size: u64, limit: u64 },
    /// A field missing, of the wrong type, or an id that is not an id.
    Invalid { path: String, reason: String },
    /// A date more than a day after now (the device's clock is wrong).
    DateInFuture { path: String, date: String },
    /// The same attempt id as one already stored, with different content.
    AttemptConflict { path: String, attempt: String },
    /// A lesson row or attempt names a learner the file does not list.
    LearnerUnknown { path: String, learner: String },
    /// A number that cannot be: score above the maximum, negative time…
    AbsurdValue { path: String, field: String, value: String },
    /// No learner of the course matches (merge, delete).
    LearnerNotFound { query: String },
    /// Several learners match the start of an id.
    LearnerAmbiguous { query: String },
    /// A learner cannot be merged into itself.
    MergeSame { learner: String },
    /// A date in a filter that is not `YYYY-MM-DD`.
    FilterDateInvalid { date: String },
}

impl ResultsError {
    pub fn code(&self) -> &'static str {
        match self {
            ResultsError::CourseUnknown { .. } => "results_course_unknown",
            ResultsError::Damaged { .. } => "results_damaged",
            ResultsError::WrongFormat { .. } => "results_wrong_format",
            ResultsError::VersionTooNew { .. } => "results_version_too_new",
            ResultsError::ChecksumMismatch { .. } => "results_checksum_mismatch",
            ResultsError::TooLarge { .. } => "results_too_large",
            ResultsError::Invalid { .. } => "results_invalid",
            ResultsError::DateInFuture { .. } => "results_date_in_future",
            ResultsError::AttemptConflict { .. } => "results_attempt_conflict",
            ResultsError::LearnerUnknown { .. } => "results_learner_unknown",
            ResultsError::AbsurdValue { .. } => "results_absurd_value",
            ResultsError::LearnerNotFound { .. } => "results_learner_not_found",
            ResultsError::LearnerAmbiguous { .. } => "results_learner_ambiguous",
            ResultsError::MergeSame { .. } => "results_merge_same",
            ResultsError::FilterDateInvalid { .. } => "results_filter_date_invalid",
        }
    }

    pub fn messages(&self) -> (String, String) {
        const KEPT_PT: &str = "Nenhum ficheiro foi importado; a biblioteca não mudou.";
        const KEPT_EN: &str = "No file was imported; the library did not change.";
        match self {
            ResultsError::CourseUnknown { path, course_id, title } => (
                format!("O ficheiro {path} tem resultados do curso «{title}» (id {course_id}), que não está nesta biblioteca. Importe primeiro o pacote do curso. {KEPT_PT}"),
                format!("The file {path} holds results of the course '{title}' (id {course_id}), which is not in this library. Import the course's package first. {KEPT_EN}"),
            ),
            ResultsError::Damaged { path, truncated: true, .. } => (
                format!("O ficheiro {path} está cortado (incompleto): a cópia ou a transferência não terminou. Peça o ficheiro de novo. {KEPT_PT}"),
                format!("The file {path} is cut short (incomplete): the copy or download did not finish. Ask for the file again. {KEPT_EN}"),
            ),
            ResultsError::Damaged { path, reason, .. } => (
                format!("O ficheiro {path} está danificado ou não é um ficheiro de resultados ({reason}). {KEPT_PT}"),
                format!("The file {path} is damaged or is not a results file ({reason}). {KEPT_EN}"),
            ),
            ResultsError::WrongFormat { path } => (
                format!("O ficheiro {path} não é um ficheiro de resultados do Juntos (.juntos-results). {KEPT_PT}"),
                format!("The file {path} is not a Juntos results file (.juntos-results). {KEPT_EN}"),
            ),
            ResultsError::VersionTooNew { path, version, supported } => (
                format!("O ficheiro {path} foi feito por um leitor mais recente (formato versão {version}; este programa lê até à versão {supported}). Atualize o Juntos Studio. {KEPT_PT}"),
                format!("The file {path} was made by a newer player (format version {version}; this program reads up to version {supported}). Update Juntos Studio. {KEPT_EN}"),
            ),
            ResultsError::ChecksumMismatch { path } => (
                format!("O conteúdo do ficheiro {path} não corresponde ao seu código de verificação: foi alterado ou danificado pelo caminho. Peça o ficheiro de novo. {KEPT_PT}"),
                format!("The content of {path} does not match its checksum: it was changed or damaged on the way. Ask for the file again. {KEPT_EN}"),
            ),
            ResultsError::TooLarge { path, size, limit } => (
                format!("O ficheiro {path} tem {} MiB; um ficheiro de resultados tem no máximo {} MiB. Não é um ficheiro do leitor, ou junta demasiados participantes: recolha os resultados em vários ficheiros. {KEPT_PT}", mib(*size), mib(*limit)),
                format!("The file {path} is {} MiB; a results file is at most {} MiB. It is not a file from the player, or it holds too many learners: collect the results in several files. {KEPT_EN}", mib(*size), mib(*limit)),
            ),
            ResultsError::Invalid { path, reason } => (
                format!("O ficheiro {path} não está conforme o formato de resultados: {reason}. {KEPT_PT}"),
                format!("The file {path} does not follow the results format: {reason}. {KEPT_EN}"),
            ),
            ResultsError::DateInFuture { path, date } => (
                format!("O ficheiro {path} tem uma data no futuro ({date}): o relógio do computador ou telemóvel onde foi feito está errado. Acerte a data nesse aparelho e guarde os resultados de novo. {KEPT_PT}"),
                format!("The file {path} has a date in the future ({date}): the clock of the computer or phone that made it is wrong. Set the date on that device and save the results again. {KEPT_EN}"),
            ),
            ResultsError::AttemptConflict { path, attempt } => (
                format!("O ficheiro {path} tem a tentativa {attempt} com um conteúdo diferente do já guardado com o mesmo id: um dos ficheiros foi alterado. {KEPT_PT}"),
                format!("The file {path} has attempt {attempt} with different content from the one already stored under that id: one of the files was altered. {KEPT_EN}"),
            ),
            ResultsError::LearnerUnknown { path, learner } => (
                format!("O ficheiro {path} tem resultados do participante {learner}, que não está na sua lista de participantes. {KEPT_PT}"),
                format!("The file {path} has results of learner {learner}, who is not in its list of learners. {KEPT_EN}"),
            ),
            ResultsError::AbsurdValue { path, field, value } => (
                format!("O ficheiro {path} tem um valor impossível em {field}: {value}. {KEPT_PT}"),
                format!("The file {path} has an impossible value in {field}: {value}. {KEPT_EN}"),
            ),
            ResultsError::LearnerNotFound { query } => (
                format!("Nenhum participante deste curso corresponde a «{query}». Indique o id (ou o seu início) como a lista de participantes o mostra."),
                format!("No learner of this course matches '{query}'. Give the id (or its start) as the list of learners shows it."),
            ),
            ResultsError::LearnerAmbiguous { query } => (
                format!("«{query}» corresponde a vários participantes. Escreva mais caracteres do id."),
                format!("'{query}' matches several learners. Give more of the id."),
            ),
            ResultsError::MergeSame { learner } => (
                format!("Não se pode juntar o participante {learner} a si próprio. Escolha dois participantes diferentes."),
                format!("Learner {learner} cannot be merged into themselves. Choose two different learners."),
            ),
            ResultsError::FilterDateInvalid { date } => (
                format!("«{date}» não é uma data: escreva-a como AAAA-MM-DD (por exemplo 2026-12-02)."),
                format!("'{date}' is not a date: write it as YYYY-MM-DD (e.g. 2026-12-02)."),
            ),
        }
    }

    /// Named details for a face that writes its own sentence.
    pub fn fields(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut put = |k: &str, v: &str| {
            out.insert(k.to_string(), v.to_string());
        };
        match self {
            ResultsError::CourseUnknown { path, course_id, title } => {
                put("path", path);
                put("course_id", course_id);
                put("title", title);
            }
            ResultsError::Damaged { path, reason, .. } | ResultsError::Invalid { path, reason } => {
                put("path", path);
                put("reason", reason);
            }
            ResultsError::WrongFormat { path } | ResultsError::ChecksumMismatch { path } => {
                put("path", path)
            }
            ResultsError::VersionTooNew { path, version, supported } => {
                put("path", path);
                put("version", &version.to_string());
                put("supported", &supported.to_string());
            }
            ResultsError::TooLarge { path, size, limit } => {
                put("path", path);
                put("size", &format!("{} MiB", mib(*size)));
                put("limit", &format!("{} MiB", mib(*limit)));
            }
            ResultsError::DateInFuture { path, date } => {
                put("path", path);
                put("date", date);
            }
            ResultsError::AttemptConflict { path, attempt } => {
                put("path", path);
                put("attempt", attempt);
            }
            ResultsError::LearnerUnknown { path, learner } => {
                put("path", path);
                put("learner", learner);
            }
            ResultsError::AbsurdValue { path, field, value } => {
                put("path", path);
                put("field", field);
                put("value", value);
            }
            ResultsError::LearnerNotFound { query } | ResultsError::LearnerAmbiguous { query } => {
                put("query", query)
            }
            ResultsError::MergeSame { learner } => put("learner", learner),
            ResultsError::FilterDateInvalid { date } => put("date", date),
        }
        out
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

impl From<ResultsError> for crate::Error {
    fn from(e: ResultsError) -> Self {
        crate::Error::Results(e)
    }
}
