//! What can go wrong with a stick, each with its own stable code and a
//! message in Portuguese and English. They sit behind one variant of the
//! crate's `Error` ([`crate::Error::Stick`]), so this feature adds one line
//! to the shared error file. Writing errors that packages already have
//! (no space, FAT32, cannot write) are reused as they are.

use std::path::PathBuf;

/// A refusal about a stick that the person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StickError {
    /// No stick manifest where a stick was expected.
    NotFound { path: PathBuf },
    /// Written by a newer Juntos Studio (unknown major format version).
    VersionUnsupported { path: PathBuf, found: String },
    /// The stick manifest cannot be read or its signature does not check out.
    ManifestInvalid { path: PathBuf, detail: String },
    /// Files on the stick do not match its signed manifest.
    Damaged { path: PathBuf, problems: usize, first: String },
    /// No course on the stick matches what was asked for.
    CourseNotFound { query: String },
    /// Nothing to write: no course chosen or none in the library.
    NoCourses,
    /// `Juntos/` exists, holds files, and is not a stick we wrote.
    FolderNotOurs { path: PathBuf },
}

impl StickError {
    pub fn code(&self) -> &'static str {
        match self {
            StickError::NotFound { .. } => "stick_not_found",
            StickError::VersionUnsupported { .. } => "stick_version_unsupported",
            StickError::ManifestInvalid { .. } => "stick_manifest_invalid",
            StickError::Damaged { .. } => "stick_damaged",
            StickError::CourseNotFound { .. } => "stick_course_not_found",
            StickError::NoCourses => "stick_no_courses",
            StickError::FolderNotOurs { .. } => "stick_folder_not_ours",
        }
    }

    pub fn messages(&self) -> (String, String) {
        match self {
            StickError::NotFound { path } => (
                format!("Não há uma pen do Juntos em {} (falta juntos-stick.json). Verifique se a pen está ligada e se escolheu a pasta certa.", path.display()),
                format!("There is no Juntos stick at {} (juntos-stick.json is missing). Check that the stick is plugged in and that you chose the right folder.", path.display()),
            ),
            StickError::VersionUnsupported { path, found } => (
                format!("A pen em {} foi escrita por uma versão mais recente do Juntos Studio (formato {found}). Atualize o Juntos Studio para a ler; a pen não foi alterada.", path.display()),
                format!("The stick at {} was written by a newer version of Juntos Studio (format {found}). Update Juntos Studio to read it; the stick was left unchanged.", path.display()),
            ),
            StickError::ManifestInvalid { path, detail } => (
                format!("O índice assinado da pen em {} não é válido ({detail}): a pen pode ter sido alterada à mão ou danificada. Não confie no seu conteúdo; escreva-a de novo a partir da biblioteca de origem.", path.display()),
                format!("The signed index of the stick at {} is not valid ({detail}): the stick may have been edited by hand or damaged. Do not trust its contents; write it again from the library it came from.", path.display()),
            ),
            StickError::Damaged { path, problems, first } => (
                format!("A pen em {} tem {problems} ficheiro(s) que não correspondem ao índice assinado (o primeiro: {first}). Nada foi importado. Escreva a pen de novo a partir da biblioteca de origem.", path.display()),
                format!("The stick at {} has {problems} file(s) that do not match its signed index (the first: {first}). Nothing was imported. Write the stick again from the library it came from.", path.display()),
            ),
            StickError::CourseNotFound { query } => (
                format!("Nenhum curso da pen corresponde a «{query}». Veja a lista dos cursos da pen."),
                format!("No course on the stick matches '{query}'. Look at the list of the stick's courses."),
            ),
            StickError::NoCourses => (
                "Não há cursos para escrever na pen. Escolha pelo menos um curso.".into(),
                "There are no courses to write to the stick. Choose at least one course.".into(),
            ),
            StickError::FolderNotOurs { path } => (
                format!("A pasta {} já existe e tem ficheiros que não são de uma pen do Juntos, por isso não é alterada. Mude-lhe o nome ou escolha outra pen.", path.display()),
                format!("The folder {} already exists and holds files that are not a Juntos stick, so it is left alone. Rename it or choose another stick.", path.display()),
            ),
        }
    }

    /// The named details, for the app's own sentences.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        match self {
            StickError::NotFound { path } | StickError::FolderNotOurs { path } => {
                vec![("path", path.display().to_string())]
            }
            StickError::VersionUnsupported { path, found } => {
                vec![("path", path.display().to_string()), ("found", found.clone())]
            }
            StickError::ManifestInvalid { path, detail } => {
                vec![("path", path.display().to_string()), ("detail", detail.clone())]
            }
            StickError::Damaged { path, problems, first } => vec![
                ("path", path.display().to_string()),
                ("problems", problems.to_string()),
                ("first", first.clone()),
            ],
            StickError::CourseNotFound { query } => vec![("query", query.clone())],
            StickError::NoCourses => Vec::new(),
        }
    }
}

impl From<StickError> for crate::Error {
    fn from(e: StickError) -> crate::Error {
        crate::Error::Stick(e)
    }
}
