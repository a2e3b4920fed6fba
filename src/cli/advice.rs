//! What to type next, for the errors where the command line can say it.
//!
//! The core's messages describe what went wrong in words any face can show
//! (the app shows its own sentences, keyed by the error's code). Advice that
//! names a command or a flag belongs to the command line alone, so it lives
//! here and is added after the core's message, chosen by the error's code.

use juntos::model::Lang;
use juntos::Error;

/// The command-line advice for `e` in `lang`, if there is any.
pub fn advice(e: &Error, lang: Lang) -> Option<String> {
    let (pt, en): (String, String) = match e.code() {
        "course_not_found" => {
            ("`juntos courses` mostra os cursos.".into(), "`juntos courses` lists the courses.".into())
        }
        "course_not_in_bin" => {
            ("`juntos bin` mostra o que está no lixo.".into(), "`juntos bin` shows what is in the bin.".into())
        }
        "lesson_not_found" => (
            "`juntos show CURSO` mostra as lições.".into(),
            "`juntos show COURSE` lists the lessons.".into(),
        ),
        "media_missing_in_lessons" => (
            "Para exportar mesmo assim, use --allow-missing-media.".into(),
            "To export anyway, use --allow-missing-media.".into(),
        ),
        "media_not_found" => (
            "Pode arrastar o ficheiro para o terminal para colar o caminho.".into(),
            "You can drag the file onto the terminal to paste its path.".into(),
        ),
        "media_name_taken" => (
            "Escolha outro nome com --name, ou mude o do existente com `juntos media rename`.".into(),
            "Choose another name with --name, or rename the existing one with `juntos media rename`.".into(),
        ),
        "media_item_not_found" => (
            "`juntos media list CURSO` mostra os nomes.".into(),
            "`juntos media list COURSE` shows the names.".into(),
        ),
        "disk_full" => (
            "`juntos gc` apaga ficheiros guardados que nada usa.".into(),
            "`juntos gc` deletes stored files nothing uses.".into(),
        ),
        "media_damaged" => (
            "Volte a anexar com `juntos attach`.".into(),
            "Attach them again with `juntos attach`.".into(),
        ),
        "org_name_missing" => (
            "Use `juntos org set --name \"Nome da organização\"`.".into(),
            "Use `juntos org set --name \"Organisation name\"`.".into(),
        ),
        "org_not_found" => (
            "`juntos org trusted` mostra-as com as impressões digitais.".into(),
            "`juntos org trusted` lists them with their fingerprints.".into(),
        ),
        "export_target_exists" => (
            "Escolha outro nome com --to, ou use --force para o substituir.".into(),
            "Choose another name with --to, or use --force to replace it.".into(),
        ),
        "export_folder_not_empty" => match e {
            Error::ExportFolderNotEmpty { earlier_package: true, .. } => (
                "Para o substituir, use --force.".into(),
                "To replace it, use --force.".into(),
            ),
            _ => ("Outra pasta: --unpacked PASTA.".into(), "Another folder: --unpacked FOLDER.".into()),
        },
        "export_too_big_for_fat32" => (
            "Uma só língua: --lang pt ou --lang en.".into(),
            "One language only: --lang pt or --lang en.".into(),
        ),
        "export_source_changed" => (
            "Corra `juntos verify-library`.".into(),
            "Run `juntos verify-library`.".into(),
        ),
        "target_not_writable" => {
            ("Outra pasta: --to PASTA.".into(), "Another folder: --to FOLDER.".into())
        }
        "library_not_writable" | "library_corrupt" => (
            "Outra biblioteca: --library PASTA ou JUNTOS_LIBRARY.".into(),
            "Another library: --library FOLDER or JUNTOS_LIBRARY.".into(),
        ),
        "org_not_trusted" => (
            "Importe de novo com --trust.".into(),
            "Import again with --trust.".into(),
        ),
        "org_key_changed" => (
            "Para retirar a confiança antiga: `juntos org untrust`.".into(),
            "To remove the old trust: `juntos org untrust`.".into(),
        ),
        "org_lookalike" => (
            "Só se for mesmo outra organização: --trust-different-organisation IMPRESSÃO-DIGITAL.".into(),
            "Only if it really is another organisation: --trust-different-organisation FINGERPRINT.".into(),
        ),
        "revision_not_found" => match e {
            Error::RevisionNotFound { course, .. } => (
                format!("`juntos revisions {course}` mostra as que existem."),
                format!("`juntos revisions {course}` lists those that exist."),
            ),
            _ => return None,
        },
        "prepare_changed_meanwhile" => (
            "`juntos media list CURSO` mostra o estado atual.".into(),
            "`juntos media list COURSE` shows where things stand.".into(),
        ),
        "prepare_trim_outside" | "prepare_budget_too_small" | "prepare_too_long" => {
            ("Corte com --trim INÍCIO-FIM.".into(), "Trim with --trim START-END.".into())
        }
        // sign-language interpreters (issue 16)
        "sign_offset_outside" => (
            "Indique o desfasamento em segundos com --offset (p. ex. --offset 1.5 ou --offset -2).".into(),
            "Give the offset in seconds with --offset (e.g. --offset 1.5 or --offset -2).".into(),
        ),
        "sign_not_a_video" | "sign_same_video" => (
            "`juntos media list CURSO` mostra os vídeos do curso.".into(),
            "`juntos media list COURSE` shows the course's videos.".into(),
        ),
        // learners' results (issue 17)
        "results_course_unknown" => (
            "Importe o pacote do curso com `juntos import PACOTE`; `juntos courses` mostra os cursos.".into(),
            "Import the course's package with `juntos import PACKAGE`; `juntos courses` lists the courses.".into(),
        ),
        "results_learner_not_found" | "results_learner_ambiguous" | "results_merge_same" => (
            "`juntos results learners CURSO` mostra os participantes e os seus ids.".into(),
            "`juntos results learners COURSE` lists the learners and their ids.".into(),
        ),
        "results_filter_date_invalid" => (
            "Use --from 2026-12-01 --to 2026-12-31, por exemplo.".into(),
            "Use --from 2026-12-01 --to 2026-12-31, for example.".into(),
        ),
        // stick (issue 18)
        "stick_not_found" => (
            "Indique a pen (ou a sua pasta Juntos/); `juntos stick write --to PEN --all` escreve uma.".into(),
            "Give the stick (or its Juntos/ folder); `juntos stick write --to STICK --all` writes one.".into(),
        ),
        "stick_damaged" | "stick_manifest_invalid" => (
            "`juntos stick verify PEN` mostra cada ficheiro; `juntos stick write` escreve a pen de novo.".into(),
            "`juntos stick verify STICK` shows every file; `juntos stick write` writes the stick again.".into(),
        ),
        "stick_course_not_found" => (
            "`juntos stick list PEN` mostra os cursos da pen.".into(),
            "`juntos stick list STICK` lists the stick's courses.".into(),
        ),
        "stick_no_courses" => (
            "Indique os cursos, ou use --all.".into(),
            "Name the courses, or use --all.".into(),
        ),
        _ => return None,
    };
    Some(match lang {
        Lang::Pt => pt,
        Lang::En => en,
    })
}
