//! The Portuguese and English messages of the package and organisation
//! errors (their codes are in `error.rs` with all the others). Each names the
//! file or entry, says what is wrong and what to do about it.

use crate::error::Error;
use crate::model::Lang;

/// A size as the app shows it everywhere: decimal units (1 MB = 1 000 000
/// bytes), as USB sticks are sold and file managers count, so one box never
/// mixes MB and MiB; one decimal under 100, in the language's own notation.
pub(crate) fn size_text(bytes: u64, lang: crate::model::Lang) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let number =
        if unit == 0 || value >= 100.0 { format!("{value:.0}") } else { format!("{value:.1}") };
    let number = match lang {
        crate::model::Lang::Pt => number.replace('.', ","),
        crate::model::Lang::En => number,
    };
    format!("{number} {}", UNITS[unit])
}

pub(crate) fn error_messages(e: &Error) -> (String, String) {
    match e {
        Error::PackageRefused { entry, problem } => problem.messages(entry),
        Error::PackageUnreadable { path, source } => (
            format!("Não foi possível ler o pacote {} ({source}). Verifique o caminho e se a pen USB está ligada.", path.display()),
            format!("Could not read the package {} ({source}). Check the path and that the USB stick is plugged in.", path.display()),
        ),
        Error::OrgNameMissing => (
            "A sua organização ainda não tem nome, e cada pacote diz quem o fez. Defina o nome da organização e tente de novo.".into(),
            "Your organisation has no name yet, and every package says who made it. Set the organisation's name and try again.".into(),
        ),
        Error::OrgKeyInvalid { path, reason } => (
            format!("A chave da organização em {} está danificada ({reason}). Restaure-a de uma cópia de segurança da biblioteca; sem ela, os parceiros não reconhecem os seus pacotes.", path.display()),
            format!("The organisation key at {} is damaged ({reason}). Restore it from a backup of the library; without it partners will not recognise your packages.", path.display()),
        ),
        Error::OrgNotFound { query } => (
            format!("Nenhuma organização de confiança corresponde a «{query}»."),
            format!("No trusted organisation matches '{query}'."),
        ),
        Error::ExportTargetExists { path } => (
            format!("O ficheiro {} já existe e não foi alterado. Escolha outro nome, ou substitua-o.", path.display()),
            format!("The file {} already exists and was left alone. Choose another name, or replace it.", path.display()),
        ),
        Error::ExportFolderNotEmpty { path, earlier_package } => {
            let (pt, en) = if *earlier_package {
                ("Tem um pacote exportado antes; pode substituí-lo ou escolher outra pasta.", "It holds a package exported before; you may replace it or choose another folder.")
            } else {
                ("Tem ficheiros que não são de um pacote do Juntos, por isso não é substituída. Escolha uma pasta nova ou vazia.", "It holds files that are not a Juntos package, so it is not replaced. Choose a new or empty folder.")
            };
            (
                format!("A pasta {} já existe e não está vazia; não foi alterada. {pt}", path.display()),
                format!("The folder {} already exists and is not empty; it was left alone. {en}", path.display()),
            )
        }
        Error::ExportTargetUnclear { path, extension } => (
            format!("{} não é uma pasta que exista nem um nome de ficheiro terminado em .{extension}. Nada foi escrito. Para uma pasta nova, termine o caminho com «/»; para um ficheiro, termine o nome em .{extension}.", path.display()),
            format!("{} is neither an existing folder nor a file name ending in .{extension}. Nothing was written. For a new folder, end the path with '/'; for a file, end the name in .{extension}.", path.display()),
        ),
        Error::ExportTooBigForFat32 { entry, size } => (
            format!("{entry} teria {} e a pen USB usa FAT32, que não guarda ficheiros acima de 4 GB. Nada foi escrito. Formate a pen em exFAT, ou exporte uma só língua.", size_text(*size, Lang::Pt)),
            format!("{entry} would be {} and the USB stick uses FAT32, which cannot hold files over 4 GB. Nothing was written. Format the stick as exFAT, or export one language only.", size_text(*size, Lang::En)),
        ),
        Error::NotEnoughSpace { path, needed, available } => (
            format!("Não há espaço suficiente em {}: são precisos {} e há {} livres. Nada foi escrito. Liberte espaço ou escolha outro destino.", path.display(), size_text(*needed, Lang::Pt), size_text(*available, Lang::Pt)),
            format!("Not enough space in {}: {} needed, {} free. Nothing was written. Free some space or choose another place.", path.display(), size_text(*needed, Lang::En), size_text(*available, Lang::En)),
        ),
        Error::ExportSourceChanged { path } => (
            format!("O ficheiro {} mudou ou está danificado e a exportação parou (o pacote não foi criado). Verifique os ficheiros da biblioteca e volte a anexar o ficheiro se for preciso.", path.display()),
            format!("The file {} changed or is damaged, so the export stopped (no package was made). Check the library's files and attach the file again if needed.", path.display()),
        ),
        Error::RevisionNotFound { course, revision } => (
            format!("O curso {course} não tem a revisão guardada {revision}."),
            format!("Course {course} has no saved revision {revision}."),
        ),
        Error::TargetNotWritable { path, source } => (
            format!("Não é possível escrever em {} ({source}). Verifique se a pen USB está ligada e não está protegida contra escrita, ou escolha outra pasta.", path.display()),
            format!("Cannot write to {} ({source}). Check that the USB stick is plugged in and not write-protected, or choose another folder.", path.display()),
        ),
        other => (other.to_string(), other.to_string()),
    }
}
