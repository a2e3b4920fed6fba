//! The Portuguese and English messages of the package and organisation
//! errors (their codes are in `error.rs` with all the others). Each names the
//! file or entry, says what is wrong and what to do about it.

use crate::error::Error;

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

pub(crate) fn error_messages(e: &Error) -> (String, String) {
    match e {
        Error::PackageRefused { entry, problem } => problem.messages(entry),
        Error::PackageUnreadable { path, source } => (
            format!("Não foi possível ler o pacote {} ({source}). Verifique o caminho e se a pen USB está ligada.", path.display()),
            format!("Could not read the package {} ({source}). Check the path and that the USB stick is plugged in.", path.display()),
        ),
        Error::OrgNameMissing => (
            "A sua organização ainda não tem nome, e cada pacote diz quem o fez. Defina-o com `juntos org set --name \"Nome da organização\"`.".into(),
            "Your organisation has no name yet, and every package says who made it. Set it with `juntos org set --name \"Organisation name\"`.".into(),
        ),
        Error::OrgKeyInvalid { path, reason } => (
            format!("A chave da organização em {} está danificada ({reason}). Restaure-a de uma cópia de segurança da biblioteca; sem ela, os parceiros não reconhecem os seus pacotes.", path.display()),
            format!("The organisation key at {} is damaged ({reason}). Restore it from a backup of the library; without it partners will not recognise your packages.", path.display()),
        ),
        Error::OrgNotFound { query } => (
            format!("Nenhuma organização confiada corresponde a «{query}». `juntos org trusted` mostra-as com as impressões digitais."),
            format!("No trusted organisation matches '{query}'. `juntos org trusted` lists them with their fingerprints."),
        ),
        Error::ExportTargetExists { path } => (
            format!("O ficheiro {} já existe e não foi alterado. Escolha outro nome com --to, ou use --force para o substituir.", path.display()),
            format!("The file {} already exists and was left alone. Choose another name with --to, or use --force to replace it.", path.display()),
        ),
        Error::ExportTargetUnclear { path, extension } => (
            format!("{} não é uma pasta que exista nem um nome de ficheiro terminado em .{extension}. Nada foi escrito. Para uma pasta nova, termine o caminho com «/»; para um ficheiro, termine o nome em .{extension}.", path.display()),
            format!("{} is neither an existing folder nor a file name ending in .{extension}. Nothing was written. For a new folder, end the path with '/'; for a file, end the name in .{extension}.", path.display()),
        ),
        Error::ExportTooBigForFat32 { entry, size } => (
            format!("{entry} teria {} e a pen USB usa FAT32, que não guarda ficheiros acima de 4 GiB. Nada foi escrito. Formate a pen em exFAT, ou exporte uma só língua com --lang pt ou --lang en.", mib(*size)),
            format!("{entry} would be {} and the USB stick uses FAT32, which cannot hold files over 4 GiB. Nothing was written. Format the stick as exFAT, or export one language with --lang pt or --lang en.", mib(*size)),
        ),
        Error::NotEnoughSpace { path, needed, available } => (
            format!("Não há espaço suficiente em {}: são precisos {} e há {} livres. Nada foi escrito. Liberte espaço ou escolha outro destino.", path.display(), mib(*needed), mib(*available)),
            format!("Not enough space in {}: {} needed, {} free. Nothing was written. Free some space or choose another place.", path.display(), mib(*needed), mib(*available)),
        ),
        Error::ExportSourceChanged { path } => (
            format!("O ficheiro {} mudou ou está danificado e a exportação parou (o pacote não foi criado). Corra `juntos verify-library` e volte a anexar o ficheiro se for preciso.", path.display()),
            format!("The file {} changed or is damaged, so the export stopped (no package was made). Run `juntos verify-library` and attach the file again if needed.", path.display()),
        ),
        Error::RevisionNotFound { course, revision } => (
            format!("O curso {course} não tem a revisão guardada {revision}. `juntos revisions {course}` mostra as que existem."),
            format!("Course {course} has no saved revision {revision}. `juntos revisions {course}` lists those that exist."),
        ),
        Error::TargetNotWritable { path, source } => (
            format!("Não é possível escrever em {} ({source}). Verifique se a pen USB está ligada e não está protegida contra escrita, ou escolha outra pasta com --to.", path.display()),
            format!("Cannot write to {} ({source}). Check that the USB stick is plugged in and not write-protected, or choose another folder with --to.", path.display()),
        ),
        other => (other.to_string(), other.to_string()),
    }
}
