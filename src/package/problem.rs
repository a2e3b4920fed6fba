//! Why a package is refused, in words a trainer can act on.
//!
//! Every refusal names the entry it is about (or the package file itself)
//! and one [`Problem`]. Each problem has its own stable code, so the app can
//! show its own sentence and tests can tell a CRC failure from a lying size.

use super::paths::PathProblem;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    // ---- the zip container --------------------------------------------
    /// Not a zip, or its end (the central directory) is missing or broken.
    NotAZip {
        detail: String,
    },
    UnsafePath(PathProblem),
    DuplicateEntry {
        other: String,
    },
    FileIsAlsoFolder,
    Symlink,
    Encrypted,
    UnsupportedCompression {
        method: u16,
    },
    /// The local header disagrees with the central directory.
    HeaderMismatch {
        detail: String,
    },
    OverlappingEntries {
        other: String,
    },
    CrcMismatch,
    /// The compressed bytes cannot be decompressed.
    CorruptData {
        detail: String,
    },
    /// The bytes do not match the size the archive declares.
    DeclaredSizeLies {
        declared: u64,
    },
    TooManyEntries {
        count: u64,
        max: u64,
    },
    EntryTooLarge {
        size: u64,
        max: u64,
    },
    PackageTooLarge {
        size: u64,
        max: u64,
    },
    /// Compression ratio beyond anything real content reaches.
    ZipBomb {
        ratio: u64,
        max: u64,
    },
    // ---- the manifest --------------------------------------------------
    NotInManifest,
    MissingFromArchive,
    SizeMismatch {
        manifest: u64,
        archive: u64,
    },
    HashMismatch,
    ManifestInvalid {
        detail: String,
    },
    UnsupportedVersion {
        found: String,
    },
    // ---- the signature and the organisation ----------------------------
    SignatureMissing,
    SignatureInvalid,
    UnknownOrganisation {
        name: String,
        fingerprint: String,
    },
    KeyChanged {
        name: String,
        known: String,
        found: String,
    },
    /// A new key whose organisation name only looks like a trusted one's
    /// (or ours); fingerprints grouped for reading aloud.
    LookalikeOrganisation {
        name: String,
        known_name: String,
        known: String,
        found: String,
    },
    // ---- JSON and content ----------------------------------------------
    JsonTooLarge {
        size: u64,
        max: u64,
    },
    JsonTooDeep {
        max: usize,
    },
    JsonInvalid {
        detail: String,
    },
    ContentInvalid {
        detail: String,
    },
}

impl Problem {
    pub fn code(&self) -> &'static str {
        match self {
            Problem::NotAZip { .. } => "package_not_a_zip",
            Problem::UnsafePath(_) => "package_unsafe_path",
            Problem::DuplicateEntry { .. } => "package_duplicate_entry",
            Problem::FileIsAlsoFolder => "package_file_is_folder",
            Problem::Symlink => "package_symlink",
            Problem::Encrypted => "package_encrypted",
            Problem::UnsupportedCompression { .. } => "package_unsupported_compression",
            Problem::HeaderMismatch { .. } => "package_header_mismatch",
            Problem::OverlappingEntries { .. } => "package_overlapping_entries",
            Problem::CrcMismatch => "package_crc_mismatch",
            Problem::CorruptData { .. } => "package_corrupt_data",
            Problem::DeclaredSizeLies { .. } => "package_declared_size_lies",
            Problem::TooManyEntries { .. } => "package_too_many_entries",
            Problem::EntryTooLarge { .. } => "package_entry_too_large",
            Problem::PackageTooLarge { .. } => "package_too_large",
            Problem::ZipBomb { .. } => "package_zip_bomb",
            Problem::NotInManifest => "package_entry_not_in_manifest",
            Problem::MissingFromArchive => "package_entry_missing",
            Problem::SizeMismatch { .. } => "package_size_mismatch",
            Problem::HashMismatch => "package_hash_mismatch",
            Problem::ManifestInvalid { .. } => "package_manifest_invalid",
            Problem::UnsupportedVersion { .. } => "package_version_unsupported",
            Problem::SignatureMissing => "package_signature_missing",
            Problem::SignatureInvalid => "package_signature_invalid",
            Problem::UnknownOrganisation { .. } => "org_not_trusted",
            Problem::KeyChanged { .. } => "org_key_changed",
            Problem::LookalikeOrganisation { .. } => "org_lookalike",
            Problem::JsonTooLarge { .. } => "package_json_too_large",
            Problem::JsonTooDeep { .. } => "package_json_too_deep",
            Problem::JsonInvalid { .. } => "package_json_invalid",
            Problem::ContentInvalid { .. } => "package_content_invalid",
        }
    }

    /// `(pt, en)`: the whole message for a refusal about `entry`.
    pub fn messages(&self, entry: &str) -> (String, String) {
        let damaged_pt =
            "O pacote está danificado ou foi alterado: peça à organização que o envie de novo.";
        let damaged_en =
            "The package is damaged or was altered: ask the organisation to send it again.";
        let (pt, en) = self.reason();
        let (fix_pt, fix_en) = match self {
            Problem::UnknownOrganisation { .. } => (
                "Confirme a impressão digital com a organização (por telefone ou pessoalmente) e, se coincidir, confie nela e importe de novo.",
                "Check the fingerprint with the organisation (by phone or in person) and, if it matches, trust it and import again.",
            ),
            Problem::KeyChanged { .. } => (
                "Não importe este pacote. Contacte a organização por outro meio: se mudou de chave, retire a confiança na chave antiga e confie na nova.",
                "Do not import this package. Contact the organisation another way: if it changed its key, stop trusting the old key and trust the new one.",
            ),
            Problem::LookalikeOrganisation { .. } => (
                "Não importe este pacote sem falar com as duas organizações por outro meio. Só se for mesmo outra organização, aceite-a como organização diferente, com a impressão digital nova.",
                "Do not import this package before speaking to both organisations another way. Only if it really is another organisation, accept it as a different organisation, with the new fingerprint.",
            ),
            Problem::UnsupportedVersion { .. } => (
                "Atualize o Juntos Studio para abrir este pacote.",
                "Update Juntos Studio to open this package.",
            ),
            Problem::TooManyEntries { .. }
            | Problem::EntryTooLarge { .. }
            | Problem::PackageTooLarge { .. }
            | Problem::ZipBomb { .. }
            | Problem::JsonTooLarge { .. }
            | Problem::JsonTooDeep { .. } => (
                "Um pacote do Juntos Studio nunca é assim: não o importe.",
                "A Juntos Studio package is never like this: do not import it.",
            ),
            _ => (damaged_pt, damaged_en),
        };
        (
            format!("Pacote recusado — {entry}: {pt}. {fix_pt} A biblioteca não foi alterada."),
            format!("Package refused — {entry}: {en}. {fix_en} The library was not changed."),
        )
    }

    fn reason(&self) -> (String, String) {
        match self {
            Problem::NotAZip { detail } => {
                let (pt, en) = zip_words(detail);
                (
                    format!("não é um pacote zip completo (cortado ou danificado: {pt})"),
                    format!("not a complete zip package (cut short or damaged: {en})"),
                )
            }
            Problem::UnsafePath(p) => path_reason(p),
            Problem::DuplicateEntry { other } => (
                format!("o nome repete «{other}» (iguais ignorando maiúsculas ou acentos compostos)"),
                format!("the name repeats '{other}' (equal when case or composed accents are ignored)"),
            ),
            Problem::FileIsAlsoFolder => (
                "é ao mesmo tempo um ficheiro e uma pasta".into(),
                "is both a file and a folder".into(),
            ),
            Problem::Symlink => ("é uma ligação simbólica (symlink)".into(), "is a symbolic link".into()),
            Problem::Encrypted => ("está cifrado".into(), "is encrypted".into()),
            Problem::UnsupportedCompression { method } => (
                format!("usa um método de compressão não suportado ({method})"),
                format!("uses an unsupported compression method ({method})"),
            ),
            Problem::HeaderMismatch { detail } => {
                let (pt, en) = zip_words(detail);
                (
                    format!("o cabeçalho local não corresponde ao diretório central ({pt})"),
                    format!("the local header does not match the central directory ({en})"),
                )
            }
            Problem::OverlappingEntries { other } => (
                format!("os seus dados sobrepõem-se aos de «{other}»"),
                format!("its data overlaps that of '{other}'"),
            ),
            Problem::CrcMismatch => ("o CRC não confere".into(), "the CRC does not match".into()),
            Problem::CorruptData { .. } => (
                "os dados comprimidos estão danificados e não se conseguem descomprimir".into(),
                "the compressed data is damaged and cannot be decompressed".into(),
            ),
            Problem::DeclaredSizeLies { declared } => (
                format!("o tamanho real não é o declarado ({declared} bytes)"),
                format!("its real size is not the declared one ({declared} bytes)"),
            ),
            Problem::TooManyEntries { count, max } => (
                format!("tem {count} entradas (máximo {max})"),
                format!("has {count} entries (at most {max})"),
            ),
            Problem::EntryTooLarge { size, max } => (
                format!("tem {size} bytes (máximo {max})"),
                format!("is {size} bytes (at most {max})"),
            ),
            Problem::PackageTooLarge { size, max } => (
                format!("o conteúdo soma {size} bytes (máximo {max})"),
                format!("the contents add up to {size} bytes (at most {max})"),
            ),
            Problem::ZipBomb { ratio, max } => (
                format!("comprime {ratio}:1 (máximo {max}:1): é uma bomba zip"),
                format!("compresses {ratio}:1 (at most {max}:1): it is a zip bomb"),
            ),
            Problem::NotInManifest => (
                "não está listado no manifesto".into(),
                "is not listed in the manifest".into(),
            ),
            Problem::MissingFromArchive => (
                "está no manifesto mas falta no pacote".into(),
                "is in the manifest but missing from the package".into(),
            ),
            Problem::SizeMismatch { manifest, archive } => (
                format!("tem {archive} bytes mas o manifesto diz {manifest}"),
                format!("has {archive} bytes but the manifest says {manifest}"),
            ),
            Problem::HashMismatch => (
                "o SHA-256 não confere com o manifesto (o conteúdo foi alterado)".into(),
                "its SHA-256 does not match the manifest (the contents were changed)".into(),
            ),
            Problem::ManifestInvalid { detail } => (
                format!("o manifesto não é válido: {detail}"),
                format!("the manifest is not valid: {detail}"),
            ),
            Problem::UnsupportedVersion { found } => (
                format!("usa o formato de pacote {found}, que esta versão não conhece"),
                format!("uses package format {found}, which this version does not know"),
            ),
            Problem::SignatureMissing => (
                "falta a assinatura (manifest.sig)".into(),
                "the signature (manifest.sig) is missing".into(),
            ),
            Problem::SignatureInvalid => (
                "a assinatura não é válida: o manifesto foi alterado ou não foi assinado por esta chave".into(),
                "the signature is not valid: the manifest was changed or not signed by this key".into(),
            ),
            Problem::UnknownOrganisation { name, fingerprint } => (
                format!("vem de «{name}», uma organização ainda não confiada (impressão digital {fingerprint})"),
                format!("comes from '{name}', an organisation not trusted yet (fingerprint {fingerprint})"),
            ),
            Problem::KeyChanged { name, known, found } => (
                format!("diz vir de «{name}», mas está assinado com outra chave ({found}; a conhecida é {known})"),
                format!("claims to come from '{name}' but is signed with another key ({found}; the known one is {known})"),
            ),
            Problem::LookalikeOrganisation { name, known_name, known, found } => (
                format!("vem de «{name}», uma organização nova cujo nome parece o de «{known_name}», em que já confia; não são a mesma (impressão digital nova {found}; a de «{known_name}» é {known})"),
                format!("comes from '{name}', a new organisation whose name looks like '{known_name}', which you trust; they are not the same (new fingerprint {found}; that of '{known_name}' is {known})"),
            ),
            Problem::JsonTooLarge { size, max } => (
                format!("o JSON tem {size} bytes (máximo {max})"),
                format!("the JSON is {size} bytes (at most {max})"),
            ),
            Problem::JsonTooDeep { max } => (
                format!("o JSON tem mais de {max} níveis de aninhamento"),
                format!("the JSON nests deeper than {max} levels"),
            ),
            Problem::JsonInvalid { detail } => (
                format!("o JSON não é válido: {detail}"),
                format!("the JSON is not valid: {detail}"),
            ),
            Problem::ContentInvalid { detail } => (
                format!("o conteúdo do curso não é válido: {detail}"),
                format!("the course contents are not valid: {detail}"),
            ),
        }
    }
}

fn path_reason(p: &PathProblem) -> (String, String) {
    let (pt, en): (&str, &str) = match p {
        PathProblem::NotUtf8 => ("o nome não está em UTF-8", "the name is not UTF-8"),
        PathProblem::Empty => ("o nome está vazio", "the name is empty"),
        PathProblem::TooLong => ("o nome é demasiado longo", "the name is too long"),
        PathProblem::TooDeep => ("tem pastas demasiado aninhadas", "its folders nest too deep"),
        PathProblem::Traversal => {
            ("o caminho sai da pasta do pacote (..)", "the path leaves the package folder (..)")
        }
        PathProblem::Absolute => ("o caminho é absoluto", "the path is absolute"),
        PathProblem::Backslash => {
            ("o nome tem uma barra invertida (\\)", "the name has a backslash (\\)")
        }
        PathProblem::EmptyComponent => {
            ("o caminho tem uma parte vazia (//)", "the path has an empty part (//)")
        }
        PathProblem::ControlCharacter => {
            ("o nome tem caracteres de controlo", "the name has control characters")
        }
        PathProblem::IllegalCharacter(c) => {
            return (
                format!("o nome tem «{c}», proibido no Windows"),
                format!("the name has '{c}', which Windows forbids"),
            )
        }
        PathProblem::ReservedName(n) => {
            return (
                format!("«{n}» é um nome reservado no Windows"),
                format!("'{n}' is a reserved name on Windows"),
            )
        }
        PathProblem::TrailingDotOrSpace => (
            "o nome acaba em ponto ou espaço, o que o Windows não permite",
            "the name ends in a dot or space, which Windows does not allow",
        ),
    };
    (pt.to_string(), en.to_string())
}

/// Our words, in both languages, for what the archive reader found. The
/// details are kept in English in the `Problem` (for logs and fuzzing); a
/// person reads one of these. Text from the zip or deflate crates is never
/// shown: it is English and names their internals.
fn zip_words(detail: &str) -> (&'static str, &'static str) {
    const WORDS: &[(&str, &str, &str)] = &[
        ("it is a folder", "é uma pasta", "it is a folder"),
        (
            "no end-of-archive record; the file is truncated",
            "falta o registo do fim do arquivo; o ficheiro está cortado",
            "the end-of-archive record is missing; the file is truncated",
        ),
        (
            "the central directory lies outside the file",
            "o índice do arquivo aponta para fora do ficheiro",
            "the archive's index points outside the file",
        ),
        (
            "the central directory is damaged",
            "o índice do arquivo está danificado",
            "the archive's index is damaged",
        ),
        (
            "the central directory is inconsistent",
            "o índice do arquivo contradiz-se",
            "the archive's index contradicts itself",
        ),
        (
            "it carries a second, alternative name",
            "tem um segundo nome, alternativo",
            "it carries a second, alternative name",
        ),
        ("no local header", "falta o cabeçalho local", "the local header is missing"),
        (
            "the local header has another name",
            "o cabeçalho local tem outro nome",
            "the local header has another name",
        ),
    ];
    WORDS
        .iter()
        .find(|(known, _, _)| *known == detail)
        .map(|(_, pt, en)| (*pt, *en))
        .unwrap_or(("o arquivo zip está danificado", "the zip archive is damaged"))
}
