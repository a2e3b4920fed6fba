/**
 * Scoring a quiz, exactly as the core does (`Quiz::score` in
 * src/model/quiz.rs): a question is right only when exactly its correct
 * options are chosen (order and repeats do not matter); the score is
 * floor(right × 100 / questions); passed when it reaches the pass mark.
 * tests/fixtures/quiz-scoring.json is checked against both (test/quiz-score.test.mjs
 * here, tests/player/quiz_scoring.rs in the core). No DOM here, on purpose.
 */

import { QuestionData, QuizData } from '../course-data.js';

/** The option ids chosen per question id. */
export interface Answers {
  [questionId: string]: string[];
}

export interface QuizScore {
  /** Questions answered right. */
  right: number;
  /** Questions in the quiz. */
  total: number;
  /** Percent, 0–100, rounded down. */
  score: number;
  passed: boolean;
}

/** Whether `chosen` is exactly the question's correct options. */
export function isRight(question: QuestionData, chosen: string[]): boolean {
  var want = question.options
    .filter(function (o): boolean {
      return o.correct;
    })
    .map(function (o): string {
      return o.id;
    })
    .sort();
  var got = chosen
    .slice()
    .sort()
    .filter(function (id: string, i: number, sorted: string[]): boolean {
      return i === 0 || sorted[i - 1] !== id;
    });
  return (
    want.length === got.length &&
    want.every(function (id: string, i: number): boolean {
      return id === got[i];
    })
  );
}

/** The score of `answers` (a question with no entry is wrong). */
export function scoreQuiz(quiz: QuizData, answers: Answers): QuizScore {
  var right = 0;
  quiz.questions.forEach(function (question: QuestionData): void {
    var chosen = Object.prototype.hasOwnProperty.call(answers, question.id) ? answers[question.id] : null;
    if (chosen && isRight(question, chosen)) {
      right++;
    }
  });
  var total = quiz.questions.length;
  var score = Math.floor((right * 100) / Math.max(1, total));
  return { right: right, total: total, score: score, passed: score >= quiz.pass_mark };
}
