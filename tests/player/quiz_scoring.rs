//! The core's quiz scorer (`Quiz::score`) against the fixtures it shares
//! with the offline player's (`player/src/quiz/score.ts`, checked by
//! `player/test/quiz-score.test.mjs`): one set of cases, two scorers that
//! must agree.

use std::collections::BTreeMap;

use juntos::model::Quiz;
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixtures {
    quizzes: BTreeMap<String, Quiz>,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    quiz: String,
    answers: BTreeMap<String, Vec<String>>,
    score: u8,
    passed: bool,
}

#[test]
fn the_core_scores_the_shared_quiz_fixtures() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/quiz-scoring.json");
    let fixtures: Fixtures = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    assert!(fixtures.cases.len() >= 10, "too few cases in {path}");
    for case in &fixtures.cases {
        let quiz = fixtures.quizzes.get(&case.quiz).expect("the case's quiz is in the fixtures");
        let answers: Vec<(String, Vec<String>)> =
            case.answers.iter().map(|(q, chosen)| (q.clone(), chosen.clone())).collect();
        let score = quiz.score(&answers);
        assert_eq!(score, case.score, "{}", case.name);
        assert_eq!(score >= quiz.pass_mark, case.passed, "{}", case.name);
    }
}
