/**
 * A lesson's quiz on the page: fieldsets of radios or checkboxes, "Check
 * answers" (every question must be answered), right/wrong per question with
 * the feedback of the chosen options and of the question (never the right
 * answer), the score, and "Try again". Scoring is quiz/score.ts.
 */

import { Player, pick, saveProgress, t, textEl } from '../context.js';
import { LessonData, OptionData, QuestionData, QuizData } from '../course-data.js';
import { clear, el } from '../dom.js';
import { recordQuizAttempt } from '../progress.js';
import { isRight, scoreQuiz } from './score.js';
import { quizChecked, quizTouched } from '../learning.js';

interface QuestionView {
  fs: HTMLElement;
  question: QuestionData;
  feedback: HTMLElement;
}

/** The quiz of `lesson`; `onProgress` runs after a checked attempt was recorded. */
export function renderQuiz(p: Player, lesson: LessonData, quiz: QuizData, onProgress: () => void): HTMLElement {
  var draft = p.state.drafts[lesson.id] || (p.state.drafts[lesson.id] = { answers: {}, checked: false });
  var section = el('section', { className: 'quiz', 'aria-labelledby': 'quiz-title' });
  section.appendChild(el('h2', { id: 'quiz-title', text: t(p, 'quiz') }));
  section.appendChild(
    el('p', {
      className: 'quiz-meta',
      text: t(p, 'questionsN', { n: quiz.questions.length }) + ' · ' + t(p, 'passMark', { n: quiz.pass_mark })
    })
  );
  var best = el('p', { className: 'quiz-best' });
  var showBest = function (): void {
    var record = p.state.progress.quiz[lesson.id];
    best.textContent = record
      ? t(p, 'best', { score: record.best }) + (record.passed ? ' ' + t(p, 'passed') : '')
      : t(p, 'quizNeeded');
  };
  showBest();
  section.appendChild(best);

  var views: QuestionView[] = [];
  quiz.questions.forEach(function (question: QuestionData, q: number): void {
    var multiple = question.kind === 'multiple_choice';
    var name = 'q-' + lesson.id + '-' + q;
    var fs = el('fieldset', { className: 'question', 'data-question': question.id });
    fs.appendChild(el('legend', null, [el('span', { className: 'q-n', text: q + 1 + '. ' }), textEl(p, 'span', question.prompt)]));
    fs.appendChild(el('p', { className: 'q-hint', text: t(p, multiple ? 'chooseMany' : 'chooseOne') }));
    var options = el('div', { className: 'options' });
    question.options.forEach(function (option: OptionData): void {
      var chosen = draft.answers[question.id] || [];
      var input = el('input', {
        type: multiple ? 'checkbox' : 'radio',
        name: name,
        value: option.id,
        checked: chosen.indexOf(option.id) >= 0,
        disabled: draft.checked
      });
      input.addEventListener('change', function (): void {
        var picked: string[] = [];
        var inputs = options.querySelectorAll('input');
        for (var i = 0; i < inputs.length; i++) {
          if (inputs[i].checked) {
            picked.push(inputs[i].value);
          }
        }
        draft.answers[question.id] = picked;
        quizTouched(draft);
        fs.classList.remove('unanswered');
      });
      options.appendChild(el('label', { className: 'option', 'data-option': option.id }, [input, textEl(p, 'span', option.text)]));
    });
    fs.appendChild(options);
    var feedback = el('div', { className: 'q-feedback', hidden: true });
    fs.appendChild(feedback);
    views.push({ fs: fs, question: question, feedback: feedback });
    section.appendChild(fs);
  });

  var result = el('div', { className: 'quiz-result', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
  var check = el('button', { type: 'button', className: 'btn primary quiz-check', text: t(p, 'check') });
  var retry = el('button', { type: 'button', className: 'btn quiz-retry', text: t(p, 'retry'), hidden: true });
  section.appendChild(el('div', { className: 'quiz-actions' }, [check, retry]));
  section.appendChild(result);

  // The results of the draft's answers; `record` counts them as an attempt.
  function showResults(record: boolean): void {
    views.forEach(function (f: QuestionView): void {
      var chosen = draft.answers[f.question.id] || [];
      var ok = isRight(f.question, chosen);
      f.fs.classList.remove('right', 'wrong');
      f.fs.classList.add(ok ? 'right' : 'wrong');
      clear(f.feedback);
      f.feedback.appendChild(el('p', { className: 'verdict', text: (ok ? '✓ ' : '✗ ') + t(p, ok ? 'right' : 'wrong') }));
      f.question.options.forEach(function (option: OptionData): void {
        if (chosen.indexOf(option.id) >= 0 && pick(p, option.feedback).text) {
          f.feedback.appendChild(textEl(p, 'p', option.feedback));
        }
      });
      if (pick(p, f.question.feedback).text) {
        f.feedback.appendChild(textEl(p, 'p', f.question.feedback));
      }
      f.feedback.hidden = false;
      var inputs = f.fs.querySelectorAll('input');
      for (var i = 0; i < inputs.length; i++) {
        inputs[i].disabled = true;
        (inputs[i].parentNode as HTMLElement).classList.toggle('chosen', inputs[i].checked);
      }
    });
    var scored = scoreQuiz(quiz, draft.answers);
    clear(result);
    result.className = 'quiz-result ' + (scored.passed ? 'passed' : 'failed');
    result.appendChild(el('p', { className: 'score', text: t(p, 'score', { score: scored.score, right: scored.right, n: scored.total }) }));
    result.appendChild(el('p', { text: scored.passed ? t(p, 'passed') : t(p, 'failed', { mark: quiz.pass_mark }) }));
    check.hidden = true;
    retry.hidden = false;
    if (record) {
      recordQuizAttempt(p.state.progress, lesson.id, scored.score, scored.passed);
      saveProgress(p);
      // Every submission is kept with its answers (learning.ts, results.ts).
      quizChecked(p, lesson, quiz, draft);
      onProgress();
      showBest();
    }
  }

  check.addEventListener('click', function (): void {
    var missing: QuestionView | null = null;
    views.forEach(function (f: QuestionView): void {
      var chosen = draft.answers[f.question.id] || [];
      if (!chosen.length) {
        f.fs.classList.add('unanswered');
        missing = missing || f;
      }
    });
    clear(result);
    if (missing) {
      result.className = 'quiz-result failed';
      result.appendChild(el('p', { text: t(p, 'answerAll') }));
      var first = (missing as QuestionView).fs.querySelector('input');
      if (first) {
        first.focus();
      }
      return;
    }
    draft.checked = true;
    showResults(true);
    result.focus();
  });
  retry.addEventListener('click', function (): void {
    draft.answers = {};
    draft.checked = false;
    views.forEach(function (f: QuestionView): void {
      f.fs.classList.remove('right', 'wrong', 'unanswered');
      clear(f.feedback);
      f.feedback.hidden = true;
      var inputs = f.fs.querySelectorAll('input');
      for (var i = 0; i < inputs.length; i++) {
        inputs[i].disabled = false;
        inputs[i].checked = false;
        (inputs[i].parentNode as HTMLElement).classList.remove('chosen');
      }
    });
    clear(result);
    result.className = 'quiz-result';
    check.hidden = false;
    retry.hidden = true;
    var first = section.querySelector('input');
    if (first) {
      first.focus();
    }
  });
  if (draft.checked) {
    // Re-rendered (language switch): show the same answers' results again, without counting twice.
    showResults(false);
  }
  return section;
}
