//! One error type for the whole core.
//!
//! Every error a person can cause has a stable snake_case [`Error::code`] that
//! the CLI prints and the app maps to a translated sentence, and a message in
//! both languages ([`Error::message`]) that says what is wrong and what to do.
//! Codes are part of the public interface: never rename one.
//!
//! Longer than our ~500-line mark on purpose: it is a table (variant, code,
//! Portuguese and English message, fields), one place to find and add a code.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::Lang;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no course matches '{query}'")]
    CourseNotFound { query: String },
    #[error("'{query}' matches several courses")]
    CourseAmbiguous { query: String, candidates: Vec<String> },
    #[error("no module matches '{query}'")]
    ModuleNotFound { query: String },
    #[error("'{query}' matches several modules")]
    ModuleAmbiguous { query: String, candidates: Vec<String> },
    #[error("no lesson matches '{query}'")]
    LessonNotFound { query: String },
    #[error("'{query}' matches several lessons")]
    LessonAmbiguous { query: String, candidates: Vec<String> },
    #[error("the title is empty")]
    EmptyTitle,
    // ---- issue 14: nothing lost silently ----
    #[error("a title must be one line")]
    TitleMultiline,
    #[error("no course in the bin matches '{query}'")]
    CourseNotInBin { query: String },
    #[error("course {slug} cannot come back from the bin: its parts are in use")]
    BinRestoreIdsInUse { slug: String },
    #[error("{field} has no {lang} translation to review")]
    TranslationMissing { field: String, lang: Lang },
    #[error("lessons refer to media that do not exist: {}", names.join(", "))]
    MediaMissingInLessons { names: Vec<String> },
    #[error("the quiz file is not valid: {reason}")]
    QuizFileInvalid { reason: String },
    #[error("invalid slug '{slug}'")]
    InvalidSlug { slug: String },
    #[error("slug '{slug}' is taken")]
    SlugTaken { slug: String },
    #[error("a {of} has no field '{field}'")]
    UnknownField { field: String, of: &'static str },
    #[error("invalid quiz: {reason}")]
    InvalidQuiz { reason: String },
    #[error("invalid XLIFF: {reason}")]
    XliffInvalid { reason: String },
    #[error("the XLIFF file belongs to another course ({original})")]
    XliffWrongCourse { original: String },
    #[error("the XLIFF file names units this course does not have")]
    XliffUnknownUnits { ids: Vec<String> },
    #[error("{lang} is the course's source language")]
    XliffSameLanguage { lang: Lang },
    #[error("position {position} is out of range 1..={max}")]
    InvalidPosition { position: usize, max: usize },
    #[error("{path} is not UTF-8 text")]
    NotUtf8 { path: String },
    #[error("cannot read {path}: {source}")]
    ReadInput { path: String, source: std::io::Error },
    #[error("library folder {path} is not writable")]
    LibraryNotWritable { path: PathBuf, source: std::io::Error },
    #[error("the library is locked by another program")]
    LibraryLocked,
    /// Exporting a course with a quiz that is still a draft.
    #[error("lesson {lesson} has an unfinished quiz: {reason_en}")]
    QuizIncomplete { lesson: String, reason_pt: String, reason_en: String },
    /// A save based on text that another window or program has changed since.
    #[error("the text was changed elsewhere since it was opened")]
    EditConflict,
    #[error("{path} is not a Juntos library database")]
    LibraryCorrupt { path: PathBuf },
    #[error("library schema {found} is newer than this program ({supported})")]
    LibraryTooNew { found: i64, supported: i64 },
    #[error("I/O error at {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("database error: {0}")]
    Database(rusqlite::Error),
    #[error("internal error: {0}")]
    Internal(String),
    // ---- media (src/media) ----
    #[error("{path} does not exist")]
    MediaNotFound { path: PathBuf },
    #[error("{path} is a folder")]
    MediaIsDirectory { path: PathBuf },
    #[error("cannot open {path}: {source}")]
    MediaUnreadable { path: PathBuf, source: std::io::Error },
    #[error("{path} is empty")]
    MediaEmptyFile { path: PathBuf },
    #[error("reading {path} failed: {source}")]
    MediaReadFailed { path: PathBuf, source: std::io::Error },
    #[error("{path} is {format}, which browsers cannot play")]
    MediaUnsupportedFormat { path: PathBuf, format: String, kind: crate::media::MediaKind },
    #[error("{path} is not a video, image or audio file we know")]
    MediaUnknownFormat { path: PathBuf, extension: Option<String> },
    #[error("{path} is an SVG image")]
    MediaSvgRefused { path: PathBuf },
    #[error("{path} is truncated: {reason}")]
    MediaTruncated { path: PathBuf, reason: crate::media::Why },
    #[error("{path} is damaged: {reason}")]
    MediaCorrupt { path: PathBuf, reason: crate::media::Why },
    #[error("invalid media name '{name}'")]
    MediaNameInvalid { name: String },
    #[error("media name '{name}' is taken")]
    MediaNameTaken { name: String },
    #[error("no media named '{name}'")]
    MediaItemNotFound { name: String },
    #[error("'{name}' is used by lessons {lessons:?}")]
    MediaInUse { name: String, lessons: Vec<String> },
    #[error("'{name}' is an image; captions need a video")]
    CaptionsNeedVideo { name: String },
    #[error("{path} line {line}: {reason}")]
    CaptionParse { path: PathBuf, line: usize, reason: crate::media::Why },
    #[error("{path} line {line} is not UTF-8")]
    CaptionNotUtf8 { path: PathBuf, line: usize },
    #[error("{path} is not an SRT or WebVTT file")]
    CaptionUnsupportedFormat { path: PathBuf },
    #[error("{path} is larger than {limit} bytes")]
    CaptionTooLarge { path: PathBuf, limit: u64 },
    #[error("the disk holding {path} is full")]
    DiskFull { path: PathBuf },
    #[error("cancelled")]
    Cancelled,
    #[error("{count} media files are missing or damaged")]
    MediaDamaged { count: usize },
    /// Preparing a video with ffmpeg (`src/media/prepare`): the code comes from the inner error.
    #[error("prepare: {}", .0.code())]
    Prepare(crate::media::prepare::PrepareError),
    /// Linking a sign-language interpreter (`src/media/sign`).
    #[error("sign: {}", .0.code())]
    Sign(crate::media::sign::SignError),
    // ---- packages and organisations (src/package, src/org) ----
    #[error("package refused: {entry}: {}", problem.code())]
    PackageRefused { entry: String, problem: crate::package::Problem },
    #[error("cannot read package {path}: {source}")]
    PackageUnreadable { path: PathBuf, source: std::io::Error },
    #[error("the organisation has no name")]
    OrgNameMissing,
    #[error("the organisation key {path} is damaged: {reason}")]
    OrgKeyInvalid { path: PathBuf, reason: String },
    #[error("no trusted organisation matches '{query}'")]
    OrgNotFound { query: String },
    #[error("{path} already exists")]
    ExportTargetExists { path: PathBuf },
    #[error("the folder {path} is not empty")]
    ExportFolderNotEmpty { path: PathBuf, earlier_package: bool },
    #[error("{path} is neither a folder nor a .{extension} file name")]
    ExportTargetUnclear { path: PathBuf, extension: String },
    #[error("{entry} ({size} bytes) does not fit on FAT32")]
    ExportTooBigForFat32 { entry: String, size: u64 },
    #[error("not enough space in {path}: {needed} bytes needed, {available} free")]
    NotEnoughSpace { path: PathBuf, needed: u64, available: u64 },
    #[error("{path} changed while it was being exported")]
    ExportSourceChanged { path: PathBuf },
    #[error("course {course} has no saved revision {revision}")]
    RevisionNotFound { course: String, revision: i64 },
    #[error("cannot write to {path}: {source}")]
    TargetNotWritable { path: PathBuf, source: std::io::Error },
    // ---- stick (src/stick, issue 18) ----
    /// A USB stick's catalogue: the code comes from the inner error.
    #[error("stick: {}", .0.code())]
    Stick(crate::stick::StickError),
    // ---- learners' results (src/results, issue 17) ----
    /// Results files and learners: the code comes from the inner error.
    #[error("results: {}", .0.code())]
    Results(crate::results::ResultsError),
}

impl Error {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::CourseNotFound { .. } => "course_not_found",
            Error::TitleMultiline => "title_multiline",
            Error::CourseNotInBin { .. } => "course_not_in_bin",
            Error::BinRestoreIdsInUse { .. } => "bin_restore_ids_in_use",
            Error::TranslationMissing { .. } => "translation_missing",
            Error::MediaMissingInLessons { .. } => "media_missing_in_lessons",
            Error::QuizFileInvalid { .. } => "quiz_file_invalid",
            Error::CourseAmbiguous { .. } => "course_ambiguous",
            Error::ModuleNotFound { .. } => "module_not_found",
            Error::ModuleAmbiguous { .. } => "module_ambiguous",
            Error::LessonNotFound { .. } => "lesson_not_found",
            Error::LessonAmbiguous { .. } => "lesson_ambiguous",
            Error::EmptyTitle => "empty_title",
            Error::InvalidSlug { .. } => "invalid_slug",
            Error::SlugTaken { .. } => "slug_taken",
            Error::UnknownField { .. } => "unknown_field",
            Error::InvalidQuiz { .. } => "invalid_quiz",
            Error::XliffInvalid { .. } => "xliff_invalid",
            Error::XliffWrongCourse { .. } => "xliff_wrong_course",
            Error::XliffUnknownUnits { .. } => "xliff_unknown_units",
            Error::XliffSameLanguage { .. } => "xliff_same_language",
            Error::InvalidPosition { .. } => "invalid_position",
            Error::NotUtf8 { .. } => "not_utf8",
            Error::ReadInput { .. } => "read_input_failed",
            Error::LibraryNotWritable { .. } => "library_not_writable",
            Error::LibraryLocked => "library_locked",
            Error::EditConflict => "edit_conflict",
            Error::QuizIncomplete { .. } => "quiz_incomplete",
            Error::LibraryCorrupt { .. } => "library_corrupt",
            Error::LibraryTooNew { .. } => "library_too_new",
            Error::Io { .. } => "io_error",
            Error::Database(_) => "database_error",
            Error::Internal(_) => "internal_error",
            Error::MediaNotFound { .. } => "media_not_found",
            Error::MediaIsDirectory { .. } => "media_is_directory",
            Error::MediaUnreadable { .. } => "media_unreadable",
            Error::MediaEmptyFile { .. } => "media_empty_file",
            Error::MediaReadFailed { .. } => "media_read_failed",
            Error::MediaUnsupportedFormat { .. } => "media_unsupported_format",
            Error::MediaUnknownFormat { .. } => "media_unknown_format",
            Error::MediaSvgRefused { .. } => "media_svg_refused",
            Error::MediaTruncated { .. } => "media_truncated",
            Error::MediaCorrupt { .. } => "media_corrupt",
            Error::MediaNameInvalid { .. } => "media_name_invalid",
            Error::MediaNameTaken { .. } => "media_name_taken",
            Error::MediaItemNotFound { .. } => "media_item_not_found",
            Error::MediaInUse { .. } => "media_in_use",
            Error::CaptionsNeedVideo { .. } => "captions_need_video",
            Error::CaptionParse { .. } => "caption_parse",
            Error::CaptionNotUtf8 { .. } => "caption_not_utf8",
            Error::CaptionUnsupportedFormat { .. } => "caption_unsupported_format",
            Error::CaptionTooLarge { .. } => "caption_too_large",
            Error::DiskFull { .. } => "disk_full",
            Error::Cancelled => "cancelled",
            Error::MediaDamaged { .. } => "media_damaged",
            Error::Prepare(e) => e.code(),
            Error::Results(e) => e.code(),
            Error::Sign(e) => e.code(),
            Error::PackageRefused { problem, .. } => problem.code(),
            Error::PackageUnreadable { .. } => "package_unreadable",
            Error::OrgNameMissing => "org_name_missing",
            Error::OrgKeyInvalid { .. } => "org_key_invalid",
            Error::OrgNotFound { .. } => "org_not_found",
            Error::ExportTargetExists { .. } => "export_target_exists",
            Error::ExportTargetUnclear { .. } => "export_target_unclear",
            Error::ExportFolderNotEmpty { .. } => "export_folder_not_empty",
            Error::ExportTooBigForFat32 { .. } => "export_too_big_for_fat32",
            Error::NotEnoughSpace { .. } => "not_enough_space",
            Error::ExportSourceChanged { .. } => "export_source_changed",
            Error::RevisionNotFound { .. } => "revision_not_found",
            Error::TargetNotWritable { .. } => "target_not_writable",
            Error::Stick(e) => e.code(),
        }
    }

    /// True when the person can fix it (exit code 1); false for faults of
    /// the program or the machine (exit code 2).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Error::Io { .. } | Error::Database(_) | Error::Internal(_))
    }

    /// The message for a person, in their language: what is wrong and how to fix it.
    pub fn message(&self, lang: Lang) -> String {
        let (pt, en) = self.messages();
        match lang {
            Lang::Pt => pt,
            Lang::En => en,
        }
    }

    fn messages(&self) -> (String, String) {
        match self {
            Error::CourseNotFound { query } => (
                format!("Nenhum curso corresponde a «{query}». Indique o slug ou o id de um curso da biblioteca."),
                format!("No course matches '{query}'. Give the slug or id of a course in the library."),
            ),
            Error::TitleMultiline => (
                "Um título tem uma só linha: tire as mudanças de linha.".into(),
                "A title is one line: remove the line breaks.".into(),
            ),
            Error::CourseNotInBin { query } => (
                format!("Nenhum curso no lixo corresponde a «{query}»."),
                format!("No course in the bin matches '{query}'."),
            ),
            Error::BinRestoreIdsInUse { slug } => (
                format!("O curso {slug} não pode sair do lixo: os seus módulos, lições ou media voltaram a existir noutro curso (por exemplo, importado de novo). Nada foi alterado."),
                format!("Course {slug} cannot come back from the bin: its modules, lessons or media exist again in another course (imported again, for example). Nothing was changed."),
            ),
            Error::TranslationMissing { field, lang } => (
                format!("{field} não tem tradução em {lang} para rever. Escreva a tradução primeiro; nada foi marcado."),
                format!("{field} has no {lang} translation to review. Write the translation first; nothing was marked."),
            ),
            Error::MediaMissingInLessons { names } => (
                format!("As lições referem media que não existem no curso: {}. Anexe-os ou corrija as referências antes de exportar.", names.join(", ")),
                format!("Lessons refer to media that are not in the course: {}. Attach them or fix the references before exporting.", names.join(", ")),
            ),
            Error::QuizFileInvalid { reason } => (
                format!("O ficheiro do questionário não é válido: {reason}. Nada foi alterado."),
                format!("The quiz file is not valid: {reason}. Nothing was changed."),
            ),
            Error::CourseAmbiguous { query, candidates } => (
                format!("«{query}» corresponde a vários cursos: {}. Escreva mais caracteres do id ou use o slug.", candidates.join(", ")),
                format!("'{query}' matches several courses: {}. Give more of the id or use the slug.", candidates.join(", ")),
            ),
            Error::ModuleNotFound { query } => (
                format!("Nenhum módulo corresponde a «{query}». Indique o número do módulo (1, 2, …), o id ou o título."),
                format!("No module matches '{query}'. Give the module number (1, 2, …), its id or its title."),
            ),
            Error::ModuleAmbiguous { query, candidates } => (
                format!("«{query}» corresponde a vários módulos: {}. Use o número ou o id.", candidates.join(", ")),
                format!("'{query}' matches several modules: {}. Use the number or the id.", candidates.join(", ")),
            ),
            Error::LessonNotFound { query } => (
                format!("Nenhuma lição corresponde a «{query}». Indique a posição (por exemplo 2.1), o id ou o título."),
                format!("No lesson matches '{query}'. Give its position (e.g. 2.1), id or title."),
            ),
            Error::LessonAmbiguous { query, candidates } => (
                format!("«{query}» corresponde a várias lições: {}. Use a posição (por exemplo 2.1) ou o id.", candidates.join(", ")),
                format!("'{query}' matches several lessons: {}. Use the position (e.g. 2.1) or the id.", candidates.join(", ")),
            ),
            Error::EmptyTitle => (
                "O título está vazio. Escreva um título com pelo menos uma letra.".into(),
                "The title is empty. Write a title with at least one letter.".into(),
            ),
            Error::InvalidSlug { slug } => (
                format!("«{slug}» não é um slug válido: use só letras minúsculas sem acentos, algarismos e hífenes (por exemplo «educacao-civica»)."),
                format!("'{slug}' is not a valid slug: use only lowercase letters without accents, digits and dashes (e.g. 'civic-education')."),
            ),
            Error::SlugTaken { slug } => (
                format!("Já existe um curso com o slug «{slug}». Escolha outro slug."),
                format!("A course with the slug '{slug}' already exists. Choose another slug."),
            ),
            Error::UnknownField { field, of } => {
                let of_pt = match *of { "course" => "um curso", "module" => "um módulo", _ => "uma lição" };
                (
                    format!("{of_pt} não tem o campo «{field}». Campos: curso — title, summary; módulo — title; lição — title, body, notes.", of_pt = capitalise(of_pt)),
                    format!("A {of} has no field '{field}'. Fields: course — title, summary; module — title; lesson — title, body, notes."),
                )
            }
            Error::XliffInvalid { reason } => (
                format!("O ficheiro XLIFF não é válido: {reason}. Peça ao tradutor que o exporte de novo em XLIFF 1.2 a partir da sua ferramenta; nada foi alterado."),
                format!("The XLIFF file is not valid: {reason}. Ask the translator to export it again as XLIFF 1.2 from their tool; nothing was changed."),
            ),
            Error::XliffWrongCourse { original } => (
                format!("O ficheiro XLIFF pertence a outro curso («{original}»), que não está nesta biblioteca. Importe-o na biblioteca de onde foi exportado; nada foi alterado."),
                format!("The XLIFF file belongs to another course ('{original}') that is not in this library. Import it into the library it was exported from; nothing was changed."),
            ),
            Error::XliffUnknownUnits { ids } => {
                let shown: Vec<&str> = ids.iter().take(5).map(String::as_str).collect();
                let more = if ids.len() > 5 { format!(" (+{})", ids.len() - 5) } else { String::new() };
                (
                    format!("O ficheiro XLIFF tem unidades que este curso não tem: {}{more}. O curso mudou desde a exportação ou o ficheiro foi alterado; exporte um XLIFF novo. Nada foi alterado.", shown.join(", ")),
                    format!("The XLIFF file has units this course does not have: {}{more}. The course changed since the export or the file was altered; export a new XLIFF. Nothing was changed.", shown.join(", ")),
                )
            }
            Error::XliffSameLanguage { lang } => (
                format!("«{lang}» é a língua de origem deste curso: um XLIFF traduz da língua de origem para a outra. Escolha a outra língua como destino."),
                format!("'{lang}' is this course's source language: an XLIFF translates from the source language into the other one. Choose the other language as the target."),
            ),
            Error::InvalidQuiz { reason } => (
                format!("O questionário não é válido: {reason}. Corrija-o e grave de novo."),
                format!("The quiz is not valid: {reason}. Fix it and save again."),
            ),
            Error::InvalidPosition { position, max } => (
                format!("A posição {position} não existe: escolha um número de 1 a {max}."),
                format!("Position {position} does not exist: choose a number from 1 to {max}."),
            ),
            Error::NotUtf8 { path } => (
                format!("O ficheiro {path} não está em UTF-8. Guarde-o como UTF-8 no seu editor e tente de novo."),
                format!("The file {path} is not UTF-8. Save it as UTF-8 in your editor and try again."),
            ),
            Error::ReadInput { path, source } => (
                format!("Não foi possível ler {path}: {source}. Verifique o caminho e as permissões."),
                format!("Could not read {path}: {source}. Check the path and its permissions."),
            ),
            Error::LibraryNotWritable { path, source } => {
                let (why_pt, why_en) = not_writable_cause(source);
                (
                    format!("Não é possível escrever na pasta da biblioteca {} ({why_pt}). Nada foi alterado; a biblioteca pode ser lida, mas não mudada. Use uma pasta onde possa escrever.", path.display()),
                    format!("Cannot write to the library folder {} ({why_en}). Nothing was changed; the library can be read but not changed. Use a folder you can write to.", path.display()),
                )
            }
            Error::LibraryLocked => (
                "A biblioteca está a ser usada por outro programa. Feche a outra janela do Juntos Studio ou espere que termine, e tente de novo.".into(),
                "The library is in use by another program. Close the other Juntos Studio window or wait for it to finish, then try again.".into(),
            ),
            Error::QuizIncomplete { lesson, reason_pt, reason_en } => (
                format!("O questionário da lição {lesson} ainda é um rascunho: {reason_pt}. Acabe-o na lição (ou apague-o) e exporte de novo."),
                format!("The quiz of lesson {lesson} is still a draft: {reason_en}. Finish it in the lesson (or delete it) and export again."),
            ),
            Error::EditConflict => (
                "Este texto foi alterado noutro sítio (outra janela ou outro programa) depois de o abrir. Nada foi gravado por cima: o seu texto continua aqui e o outro também ficou guardado. Escolha qual quer manter.".into(),
                "This text was changed elsewhere (another window or program) after you opened it. Nothing was saved over it: your text is still here and the other one is kept too. Choose which one to keep.".into(),
            ),
            Error::LibraryCorrupt { path } => {
                let (what_pt, what_en) = if path.as_os_str().is_empty() {
                    ("A base de dados da biblioteca".to_string(), "The library's database".to_string())
                } else {
                    (format!("O ficheiro {}", path.display()), format!("The file {}", path.display()))
                };
                (
                    format!("{what_pt} está danificado ou não é uma base de dados do Juntos. Não foi alterado. Restaure uma cópia de segurança da biblioteca, ou use outra biblioteca."),
                    format!("{what_en} is damaged or is not a Juntos database. It was left untouched. Restore a backup of the library, or use another library."),
                )
            }
            Error::LibraryTooNew { found, supported } => (
                format!("Esta biblioteca foi criada por uma versão mais recente do Juntos Studio (esquema {found}; esta versão conhece até {supported}). Atualize o Juntos Studio; a biblioteca não foi alterada."),
                format!("This library was made by a newer Juntos Studio (schema {found}; this version knows up to {supported}). Update Juntos Studio; the library was not changed."),
            ),
            Error::Io { path, source } => (
                format!("Erro de entrada/saída em {}: {source}.", path.display()),
                format!("Input/output error at {}: {source}.", path.display()),
            ),
            Error::Database(e) => (
                format!("Erro interno da base de dados: {e}. Nada foi alterado."),
                format!("Internal database error: {e}. Nothing was changed."),
            ),
            Error::Internal(e) => (format!("Erro interno: {e}."), format!("Internal error: {e}.")),
            Error::MediaNotFound { .. }
            | Error::MediaIsDirectory { .. }
            | Error::MediaUnreadable { .. }
            | Error::MediaEmptyFile { .. }
            | Error::MediaReadFailed { .. }
            | Error::MediaUnsupportedFormat { .. }
            | Error::MediaUnknownFormat { .. }
            | Error::MediaSvgRefused { .. }
            | Error::MediaTruncated { .. }
            | Error::MediaCorrupt { .. }
            | Error::MediaNameInvalid { .. }
            | Error::MediaNameTaken { .. }
            | Error::MediaItemNotFound { .. }
            | Error::MediaInUse { .. }
            | Error::CaptionsNeedVideo { .. }
            | Error::CaptionParse { .. }
            | Error::CaptionNotUtf8 { .. }
            | Error::CaptionUnsupportedFormat { .. }
            | Error::CaptionTooLarge { .. }
            | Error::DiskFull { .. }
            | Error::Cancelled
            | Error::MediaDamaged { .. } => crate::media::error_messages(self),
            Error::Prepare(e) => e.messages(),
            Error::Results(e) => e.messages(),
            Error::Sign(e) => e.messages(),
            Error::PackageRefused { .. }
            | Error::PackageUnreadable { .. }
            | Error::OrgNameMissing
            | Error::OrgKeyInvalid { .. }
            | Error::OrgNotFound { .. }
            | Error::ExportTargetExists { .. }
            | Error::ExportTargetUnclear { .. }
            | Error::ExportFolderNotEmpty { .. }
            | Error::ExportTooBigForFat32 { .. }
            | Error::NotEnoughSpace { .. }
            | Error::ExportSourceChanged { .. }
            | Error::RevisionNotFound { .. }
            | Error::TargetNotWritable { .. } => crate::package::error_messages(self),
            Error::Stick(e) => e.messages(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// A busy database is something the person can resolve (close the other
    /// window), not an internal fault.
    fn from(e: rusqlite::Error) -> Self {
        // Lesson text that no longer inflates is a damaged library too
        // (store/packed_text.rs), not an error in the program.
        if let rusqlite::Error::FromSqlConversionFailure(_, _, cause) = &e {
            if cause.is::<crate::store::packed_text::UnpackError>() {
                return Error::LibraryCorrupt { path: PathBuf::new() };
            }
        }
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::LibraryLocked
            }
            // Damaged pages can surface at any read, long after the open
            // checked the header: the same advice as a damaged file.
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Error::LibraryCorrupt { path: PathBuf::new() }
            }
            _ => Error::Database(e),
        }
    }
}

/// Why a folder cannot be written to, in words (not the system's English).
fn not_writable_cause(source: &std::io::Error) -> (String, String) {
    match source.raw_os_error() {
        Some(libc::EROFS) => (
            "o sistema de ficheiros é só de leitura".into(),
            "it is on a read-only file system".into(),
        ),
        Some(libc::EACCES | libc::EPERM) => (
            "sem permissão de escrita: a pasta pertence a outro utilizador".into(),
            "permission denied: the folder belongs to another user".into(),
        ),
        Some(libc::ENOSPC) => ("o disco está cheio".into(), "the disk is full".into()),
        _ if source.kind() == std::io::ErrorKind::PermissionDenied => {
            ("sem permissão de escrita".into(), "permission denied".into())
        }
        _ => (format!("erro do sistema: {source}"), source.to_string()),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

impl Error {
    /// The error's details as named values (`path`, `query`, `name`…), for
    /// a face that writes its own sentence for the code (the app's
    /// dictionaries fill `{path}` and the like from these).
    pub fn fields(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut put = |key: &str, value: String| {
            out.insert(key.to_string(), value);
        };
        // Decimal MB, as everywhere in the app (package/errors.rs).
        let mb = |bytes: u64| crate::package::errors::size_text(bytes, Lang::En);
        match self {
            Error::CourseNotFound { query }
            | Error::ModuleNotFound { query }
            | Error::LessonNotFound { query }
            | Error::CourseNotInBin { query }
            | Error::OrgNotFound { query } => put("query", query.clone()),
            Error::CourseAmbiguous { query, candidates }
            | Error::ModuleAmbiguous { query, candidates }
            | Error::LessonAmbiguous { query, candidates } => {
                put("query", query.clone());
                put("candidates", candidates.join(", "));
            }
            Error::InvalidSlug { slug }
            | Error::SlugTaken { slug }
            | Error::BinRestoreIdsInUse { slug } => put("slug", slug.clone()),
            Error::Stick(e) => e.fields().into_iter().for_each(|(k, v)| put(k, v)),
            Error::MediaMissingInLessons { names } => put("names", names.join(", ")),
            Error::XliffUnknownUnits { ids } => put("ids", ids.join(", ")),
            Error::XliffWrongCourse { original } => put("original", original.clone()),
            Error::Sign(e) => e.fields().into_iter().for_each(|(k, v)| put(k, v)),
            Error::InvalidPosition { position, max } => {
                put("position", position.to_string());
                put("max", max.to_string());
            }
            Error::NotUtf8 { path } | Error::ReadInput { path, .. } => put("path", path.clone()),
            Error::LibraryNotWritable { path, source } => {
                put("path", path.display().to_string());
                // Named in words by the core's message; here as a stable word.
                let cause = match source.raw_os_error() {
                    Some(libc::EROFS) => "read_only_file_system",
                    Some(libc::ENOSPC) => "disk_full",
                    _ if source.kind() == std::io::ErrorKind::PermissionDenied => {
                        "permission_denied"
                    }
                    _ => "other",
                };
                put("cause", cause.to_string());
            }
            Error::LibraryTooNew { found, supported } => {
                put("found", found.to_string());
                put("supported", supported.to_string());
            }
            Error::MediaNameInvalid { name }
            | Error::MediaNameTaken { name }
            | Error::MediaItemNotFound { name }
            | Error::CaptionsNeedVideo { name } => put("name", name.clone()),
            Error::MediaInUse { name, lessons } => {
                put("name", name.clone());
                put("lessons", lessons.join("; "));
            }
            Error::MediaUnsupportedFormat { path, format, .. } => {
                put("path", path.display().to_string());
                put("format", format.clone());
            }
            Error::CaptionParse { path, line, .. } | Error::CaptionNotUtf8 { path, line } => {
                put("path", path.display().to_string());
                put("line", line.to_string());
            }
            Error::MediaDamaged { count } => put("count", count.to_string()),
            Error::PackageRefused { entry, problem } => {
                put("entry", entry.clone());
                // Both names and fingerprints, for the app to show side by side.
                if let crate::package::Problem::LookalikeOrganisation {
                    name,
                    known_name,
                    known,
                    found,
                } = problem
                {
                    put("name", name.clone());
                    put("known_name", known_name.clone());
                    put("known", known.clone());
                    put("found", found.clone());
                }
            }
            Error::ExportTooBigForFat32 { entry, size } => {
                put("entry", entry.clone());
                put("size", mb(*size));
            }
            Error::NotEnoughSpace { path, needed, available } => {
                put("path", path.display().to_string());
                put("needed", mb(*needed));
                put("available", mb(*available));
            }
            Error::ExportTargetUnclear { path, extension } => {
                put("path", path.display().to_string());
                put("extension", extension.clone());
            }
            Error::RevisionNotFound { course, revision } => {
                put("course", course.clone());
                put("revision", revision.to_string());
            }
            Error::QuizIncomplete { lesson, .. } => put("lesson", lesson.clone()),
            Error::Results(e) => {
                for (key, value) in e.fields() {
                    put(&key, value);
                }
            }
            Error::LibraryCorrupt { path }
            | Error::Io { path, .. }
            | Error::MediaNotFound { path }
            | Error::MediaIsDirectory { path }
            | Error::MediaUnreadable { path, .. }
            | Error::MediaEmptyFile { path }
            | Error::MediaReadFailed { path, .. }
            | Error::MediaUnknownFormat { path, .. }
            | Error::MediaSvgRefused { path }
            | Error::MediaTruncated { path, .. }
            | Error::MediaCorrupt { path, .. }
            | Error::CaptionUnsupportedFormat { path }
            | Error::CaptionTooLarge { path, .. }
            | Error::DiskFull { path }
            | Error::PackageUnreadable { path, .. }
            | Error::OrgKeyInvalid { path, .. }
            | Error::ExportTargetExists { path }
            | Error::ExportFolderNotEmpty { path, .. }
            | Error::ExportSourceChanged { path }
            | Error::TargetNotWritable { path, .. }
                if !path.as_os_str().is_empty() =>
            {
                put("path", path.display().to_string());
            }
            _ => {}
        }
        out
    }
}

/// The shape errors take across IPC and in `--json` output: the stable
/// `code`, the named details (`fields`) a face fills into its own sentence,
/// and the core's plain description in both languages (no command-line
/// advice: that is added by the CLI, see `src/cli/advice.rs`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorReport {
    pub code: String,
    pub message_pt: String,
    pub message_en: String,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        ErrorReport {
            code: e.code().to_string(),
            message_pt: e.message(Lang::Pt),
            message_en: e.message(Lang::En),
            fields: e.fields(),
        }
    }
}

#[cfg(test)]
mod tests {
    //! The error vocabulary, checked from the source itself: no face but the
    //! command line may read command-line advice, and the app has a list of
    //! every code to write its sentences for.

    /// The files whose string literals are messages a person reads.
    const MESSAGE_SOURCES: &[(&str, &str)] = &[
        ("src/error.rs", include_str!("error.rs")),
        ("src/media/errors.rs", include_str!("media/errors.rs")),
        ("src/package/errors.rs", include_str!("package/errors.rs")),
        ("src/package/problem.rs", include_str!("package/problem.rs")),
        ("src/media/prepare/errors.rs", include_str!("media/prepare/errors.rs")),
        ("src/results/errors.rs", include_str!("results/errors.rs")),
        ("src/media/sign/errors.rs", include_str!("media/sign/errors.rs")),
        ("src/stick/errors.rs", include_str!("stick/errors.rs")),
    ];

    /// The string literals of `source` outside comments and `#[cfg(test)]` code.
    fn literals(source: &str) -> Vec<(usize, String)> {
        let code = source.split("#[cfg(test)]").next().unwrap_or(source);
        let mut out = Vec::new();
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            let mut rest = line;
            while let Some(start) = rest.find('"') {
                let after = &rest[start + 1..];
                let mut end = None;
                let mut escaped = false;
                for (i, c) in after.char_indices() {
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => {
                            end = Some(i);
                            break;
                        }
                        _ => escaped = false,
                    }
                }
                let Some(end) = end else { break };
                out.push((n + 1, after[..end].to_string()));
                rest = &after[end + 1..];
            }
        }
        out
    }

    #[test]
    fn core_messages_carry_no_command_line_advice() {
        let mut found = Vec::new();
        for (file, source) in MESSAGE_SOURCES {
            for (line, text) in literals(source) {
                // The command is lowercase `juntos`; "Juntos Studio" is the app's name.
                if text.contains("juntos ") || text.contains("--") || text.contains("terminal") {
                    found.push(format!("{file}:{line}: {text}"));
                }
            }
        }
        assert!(
            found.is_empty(),
            "command-line advice belongs in src/cli/advice.rs:\n{}",
            found.join("\n")
        );
    }

    /// Every code `Error::code` can return, read from the `code()` functions.
    fn every_code() -> Vec<String> {
        let mut codes = Vec::new();
        for (_, source) in MESSAGE_SOURCES {
            let Some(start) = source.find("pub fn code(&self) -> &'static str {") else { continue };
            let body = &source[start..];
            let body = &body[..body.find("\n    }\n").unwrap_or(body.len())];
            for (_, text) in literals(body) {
                let snake =
                    text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if snake && !text.is_empty() {
                    codes.push(text);
                }
            }
        }
        codes.sort();
        codes.dedup();
        codes
    }

    /// `ui/src/error-codes.json` lists every code, so the UI test can check
    /// that both dictionaries have a sentence for each. Stale: rewritten, and
    /// the test fails so that the new file is committed.
    #[test]
    fn the_ui_list_of_error_codes_is_current() {
        let codes = every_code();
        assert!(codes.len() > 50 && codes.contains(&"library_corrupt".to_string()), "{codes:?}");
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/error-codes.json");
        let mut text = serde_json::to_string_pretty(&codes).unwrap();
        text.push('\n');
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != text {
            std::fs::write(&path, &text).unwrap();
            panic!("{} was stale and has been rewritten; commit it", path.display());
        }
    }
}
