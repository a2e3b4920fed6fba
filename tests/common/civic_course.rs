//! The sample course that the player's and the SCORM/Kolibri tests export
//! and their browser tests play ("Educação cívica", Associação Kuyakana):
//! one course, so both suites test the same lessons, quiz and media.
//! Included by `tests/player` and `tests/scorm` with `#[path]`.

use std::ops::ControlFlow;
use std::path::Path;

use juntos::model::{
    Bilingual, Lang, LessonField, NewCourse, Question, QuestionKind, Quiz, QuizOption,
};
use juntos::{CourseField, Library};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/media");

/// A quiz option with its feedback in both languages.
pub fn option(id: &str, pt: &str, en: &str, correct: bool, fb_pt: &str, fb_en: &str) -> QuizOption {
    QuizOption {
        id: id.into(),
        text: Bilingual::new(pt, en, Lang::Pt),
        correct,
        feedback: Bilingual::new(fb_pt, fb_en, Lang::Pt),
    }
}

/// A library ("Associação Kuyakana") with the sample course the browser
/// tests play: two modules, four lessons, a captioned video, an image, a
/// table, a footnote, facilitator notes, a three-question quiz and one
/// lesson not yet translated into English.
pub fn sample() -> (tempfile::TempDir, Library, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.set_org_name("Associação Kuyakana").unwrap();
    let course = lib
        .create_course(NewCourse {
            title: "Educação cívica: votar em comunidade".into(),
            lang: Some(Lang::Pt),
            slug: Some("educacao-civica".into()),
            organisation: Some("Associação Kuyakana".into()),
        })
        .unwrap();
    let id = course.id.clone();
    lib.update_course(
        &id,
        juntos::model::CourseChanges {
            licence: Some("CC BY-SA 4.0".into()),
            topics: Some(vec!["cidadania".into(), "eleições".into()]),
            // Topics are bilingual fields too (issue 16): the course is complete in both languages.
            topics_translation: Some(vec!["citizenship".into(), "elections".into()]),
            ..Default::default()
        },
    )
    .unwrap();
    lib.set_course_text(
        &id,
        CourseField::Title,
        Lang::En,
        "Civic education: voting in the community",
    )
    .unwrap();
    lib.set_course_text(&id, CourseField::Summary, Lang::Pt, "Um curso curto para **grupos comunitários**: porque votar, quem pode votar e como se prepara o dia da eleição.").unwrap();
    lib.set_course_text(&id, CourseField::Summary, Lang::En, "A short course for **community groups**: why vote, who can vote and how to get ready for election day.").unwrap();

    let m1 = lib.add_module(&id, "Porquê votar", Lang::Pt, None).unwrap();
    lib.set_module_title(&m1.id, Lang::En, "Why vote").unwrap();
    let m2 = lib.add_module(&id, "No dia da eleição", Lang::Pt, None).unwrap();
    lib.set_module_title(&m2.id, Lang::En, "On election day").unwrap();

    let l1 = lib.add_lesson(&m1.id, "O direito de votar", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&l1.id, LessonField::Title, Lang::En, "The right to vote").unwrap();
    lib.set_lesson_text(&l1.id, LessonField::Body, Lang::Pt, "Votar é a forma de cada pessoa participar nas decisões da comunidade.\n\n![Entrevista com uma eleitora](media:entrevista.webm)\n\nVeja o vídeo e pense: **porque é importante** que todos votem?").unwrap();
    lib.set_lesson_text(&l1.id, LessonField::Body, Lang::En, "Voting is how each person takes part in the decisions of the community.\n\n![Interview with a voter](media:entrevista.webm)\n\nWatch the video and think: **why does it matter** that everyone votes?").unwrap();
    lib.set_lesson_text(
        &l1.id,
        LessonField::Notes,
        Lang::Pt,
        "Pergunte ao grupo quem já votou. Deixe 10 minutos para a conversa.",
    )
    .unwrap();
    lib.set_lesson_text(
        &l1.id,
        LessonField::Notes,
        Lang::En,
        "Ask the group who has voted before. Leave 10 minutes for the discussion.",
    )
    .unwrap();
    lib.set_lesson_minutes(&l1.id, 10).unwrap();

    let l2 = lib.add_lesson(&m1.id, "Quem pode votar", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&l2.id, LessonField::Title, Lang::En, "Who can vote").unwrap();
    lib.set_lesson_text(&l2.id, LessonField::Body, Lang::Pt, "Pode votar quem está recenseado[^1].\n\n| Documento | Serve? |\n|---|---|\n| Cartão de eleitor | Sim |\n| Bilhete de identidade | Com o cartão |\n\n![Mapa da assembleia de voto](media:mapa.png)\n\nMais informação: [CNE](https://www.cne.org.mz).\n\n[^1]: O recenseamento faz-se antes de cada eleição.").unwrap();
    lib.set_lesson_text(&l2.id, LessonField::Body, Lang::En, "Anyone who is registered can vote[^1].\n\n| Document | Accepted? |\n|---|---|\n| Voter card | Yes |\n| Identity card | With the card |\n\n![Map of the polling station](media:mapa.png)\n\nMore: [CNE](https://www.cne.org.mz).\n\n[^1]: Registration happens before each election.").unwrap();
    lib.set_lesson_minutes(&l2.id, 8).unwrap();

    let l3 = lib.add_lesson(&m2.id, "Antes de ir votar", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&l3.id, LessonField::Title, Lang::En, "Before going to vote").unwrap();
    lib.set_lesson_text(&l3.id, LessonField::Body, Lang::Pt, "Leve o **cartão de eleitor**, saiba onde fica a sua assembleia de voto e vá cedo.\n\n- Confirme a hora de abertura\n- Combine com vizinhos\n- Leve água").unwrap();
    lib.set_lesson_text(&l3.id, LessonField::Body, Lang::En, "Take your **voter card**, know where your polling station is and go early.\n\n- Check the opening time\n- Go with neighbours\n- Take water").unwrap();
    lib.set_lesson_text(
        &l3.id,
        LessonField::Notes,
        Lang::Pt,
        "Faça uma simulação de votação com boletins de papel.",
    )
    .unwrap();
    lib.set_lesson_text(
        &l3.id,
        LessonField::Notes,
        Lang::En,
        "Run a mock vote with paper ballots.",
    )
    .unwrap();
    lib.set_lesson_minutes(&l3.id, 12).unwrap();
    lib.set_quiz(
        &l3.id,
        Some(Quiz {
            pass_mark: 60,
            questions: vec![
                Question {
                    id: "q1".into(),
                    kind: QuestionKind::SingleChoice,
                    prompt: Bilingual::new(
                        "O que deve levar para votar?",
                        "What should you take to vote?",
                        Lang::Pt,
                    ),
                    options: vec![
                        option(
                            "a",
                            "O cartão de eleitor",
                            "Your voter card",
                            true,
                            "Isso mesmo.",
                            "That's it.",
                        ),
                        option(
                            "b",
                            "Uma fotografia",
                            "A photograph",
                            false,
                            "A fotografia não serve.",
                            "A photograph is not accepted.",
                        ),
                    ],
                    feedback: Bilingual::new(
                        "O cartão de eleitor mostra que está recenseado.",
                        "The voter card shows you are registered.",
                        Lang::Pt,
                    ),
                },
                Question {
                    id: "q2".into(),
                    kind: QuestionKind::MultipleChoice,
                    prompt: Bilingual::new(
                        "O que ajuda no dia da eleição?",
                        "What helps on election day?",
                        Lang::Pt,
                    ),
                    options: vec![
                        option("a", "Ir cedo", "Going early", true, "", ""),
                        option("b", "Saber onde votar", "Knowing where to vote", true, "", ""),
                        option(
                            "c",
                            "Levar uma bandeira de partido",
                            "Carrying a party flag",
                            false,
                            "",
                            "",
                        ),
                    ],
                    feedback: Bilingual::default(),
                },
                Question {
                    id: "q3".into(),
                    kind: QuestionKind::TrueFalse,
                    prompt: Bilingual::new("O voto é secreto.", "The vote is secret.", Lang::Pt),
                    options: vec![
                        option("t", "Verdadeiro", "True", true, "", ""),
                        option("f", "Falso", "False", false, "", ""),
                    ],
                    feedback: Bilingual::new(
                        "Ninguém pode ver em quem votou.",
                        "Nobody may see whom you voted for.",
                        Lang::Pt,
                    ),
                },
            ],
        }),
    )
    .unwrap();

    // Not yet translated: the English player shows the Portuguese, marked lang="pt".
    let l4 = lib.add_lesson(&m2.id, "Depois de votar", Lang::Pt, None).unwrap();
    lib.set_lesson_text(
        &l4.id,
        LessonField::Body,
        Lang::Pt,
        "Espere pelos resultados oficiais e fale com a sua comunidade.",
    )
    .unwrap();
    lib.set_lesson_minutes(&l4.id, 5).unwrap();

    lib.attach_media(
        &id,
        &Path::new(FIXTURES).join("vp9-opus.webm"),
        Some("entrevista.webm"),
        |_| ControlFlow::Continue(()),
    )
    .unwrap();
    lib.attach_media(&id, &Path::new(FIXTURES).join("testsrc.png"), Some("mapa.png"), |_| {
        ControlFlow::Continue(())
    })
    .unwrap();
    lib.set_captions(
        &id,
        "entrevista.webm",
        Lang::Pt,
        &Path::new(FIXTURES).join("legendas-pt.srt"),
    )
    .unwrap();
    lib.set_captions(
        &id,
        "entrevista.webm",
        Lang::En,
        &Path::new(FIXTURES).join("captions-en.vtt"),
    )
    .unwrap();
    (dir, lib, id)
}
