//! Drafts are allowed: a quiz question being written (no prompt, no right
//! answer yet) is saved as it is; completeness is checked where it matters,
//! the export pre-flight and the export itself, which name the lesson and
//! what is missing, in both languages.

use std::ops::ControlFlow;

use juntos::model::{Bilingual, Lang, Question, QuestionKind, Quiz, QuizOption};
use juntos::package::{ExportOptions, Languages};
use juntos::{ExportFormat, Library};

fn draft() -> Quiz {
    Quiz {
        pass_mark: 70,
        questions: vec![Question {
            id: "q1".into(),
            kind: QuestionKind::SingleChoice,
            prompt: Bilingual::default(),
            options: vec![QuizOption {
                id: "o1".into(),
                text: Bilingual::default(),
                correct: false,
                feedback: Bilingual::default(),
            }],
            feedback: Bilingual::default(),
        }],
    }
}

#[test]
fn an_unfinished_question_is_saved_and_export_says_which_lesson_to_finish() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("lib")).unwrap();
    lib.set_org_name("Associação Kuyakana").unwrap();
    let course = lib.list_courses().unwrap().remove(0);
    let lesson = lib.course(&course.id).unwrap().modules[0].lessons[1].id.clone();

    let saved = lib.set_quiz(&lesson, Some(draft())).expect("a draft is saved");
    assert_eq!(saved.quiz, Some(draft()));

    let out = dir.path().join("pen");
    std::fs::create_dir(&out).unwrap();
    for format in [ExportFormat::Juntos, ExportFormat::Scorm12] {
        let preflight = lib.export_preflight(&course.id, &out, Languages::Both, format).unwrap();
        let problem = preflight.problem.expect("the pre-flight names the draft");
        assert_eq!(problem.code, "quiz_incomplete");
        assert!(problem.message_pt.contains("lição 1.2"), "{}", problem.message_pt);
        assert!(problem.message_pt.contains("a pergunta 1 não tem enunciado"));
        assert!(problem.message_en.contains("question 1 has no prompt"));
    }
    let options =
        ExportOptions { to: Some(out.clone()), languages: Languages::Both, overwrite: false };
    let refused = lib.export_course(&course.id, &options, |_| ControlFlow::Continue(()));
    assert_eq!(refused.unwrap_err().code(), "quiz_incomplete");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "nothing written");

    // Finished, it exports.
    let mut done = draft();
    done.questions[0].prompt = Bilingual::new("Votar é um direito?", "", Lang::Pt);
    done.questions[0].options[0].correct = true;
    done.questions[0].options.push(QuizOption {
        id: "o2".into(),
        text: Bilingual::new("Não", "", Lang::Pt),
        correct: false,
        feedback: Bilingual::default(),
    });
    lib.set_quiz(&lesson, Some(done)).unwrap();
    let preflight = lib.export_preflight(&course.id, &out, Languages::Both, ExportFormat::Juntos);
    assert!(preflight.unwrap().problem.is_none());
    lib.export_course(&course.id, &options, |_| ControlFlow::Continue(())).unwrap();
}

#[test]
fn the_preflight_of_a_signed_package_asks_for_the_organisation_name_first() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("lib")).unwrap();
    let course = lib.list_courses().unwrap().remove(0);
    let preflight =
        lib.export_preflight(&course.id, dir.path(), Languages::Both, ExportFormat::Juntos);
    assert_eq!(preflight.unwrap().problem.map(|p| p.code), Some("org_name_missing".into()));
    // A zip for a platform is not signed: no name needed.
    let preflight =
        lib.export_preflight(&course.id, dir.path(), Languages::Both, ExportFormat::Scorm12);
    assert!(preflight.unwrap().problem.is_none());
}
