/**
 * The player's own words in Portuguese and English. Every key is in both
 * languages: the compiler checks it (`EN` must be a full `Dictionary`) and so
 * does test/words.test.mjs. A word that depends on a number is a pair
 * [one, other]; `{name}` is replaced by a value (see `translate`).
 */

import { Lang } from './course-data.js';

/** A word, or a [singular, plural] pair chosen by the value `n`. */
export type Word = string | [string, string];

const PT = {
  skip: 'Saltar para o conteúdo',
  home: 'Início do curso',
  contents: 'Conteúdo',
  contentsNav: 'Conteúdo do curso',
  language: 'Língua',
  facilitator: 'Facilitador',
  facilitatorLong: 'Modo facilitador: mostrar as notas para a sessão presencial',
  course: 'Curso',
  organisation: 'Organização',
  licence: 'Licença',
  topics: 'Temas',
  length: 'Duração',
  lessonsN: ['{n} lição', '{n} lições'],
  minutes: '{n} min',
  start: 'Começar o curso',
  resume: 'Continuar: {title}',
  review: 'Ver a conclusão',
  progress: '{done} de {total} lições concluídas',
  moduleN: 'Módulo {n}',
  lessonOf: 'Lição {i} de {n}',
  previous: 'Anterior',
  next: 'Seguinte',
  finish: 'Terminar',
  untranslated: 'Esta parte ainda não foi traduzida para português: é mostrada em inglês.',
  quiz: 'Questionário',
  questionsN: ['{n} pergunta', '{n} perguntas'],
  passMark: 'Para passar: {n}%',
  chooseOne: 'Escolha uma resposta.',
  chooseMany: 'Escolha todas as respostas certas.',
  check: 'Verificar respostas',
  retry: 'Tentar de novo',
  answerAll: 'Responda a todas as perguntas antes de verificar.',
  right: 'Certo.',
  wrong: 'Ainda não está certo.',
  score: 'Resultado: {score}% ({right} de {n} certas).',
  passed: 'Passou! Esta lição está concluída.',
  failed: 'Ainda não passou ({mark}% para passar). Releia a lição e tente de novo.',
  best: 'O seu melhor resultado: {score}%.',
  quizNeeded: 'Para concluir esta lição, passe o questionário.',
  notes: 'Notas do facilitador',
  handout: 'Folheto para impressão',
  printHandout: 'Imprimir o folheto',
  handoutOf: 'Folheto: {title}',
  handoutHint: 'Use «Imprimir» para fazer um folheto deste módulo para a sessão presencial. Os vídeos aparecem como transcrição.',
  answerLine: 'Resposta:',
  transcript: 'Transcrição do vídeo',
  video: 'Vídeo',
  // Sign-language interpreter (issue 16, sign.ts)
  signLabel: 'Intérprete de língua gestual',
  signShow: 'Mostrar o intérprete de língua gestual',
  signHide: 'Esconder o intérprete de língua gestual',
  signCorner: 'Mudar o intérprete de canto',
  signLarger: 'Aumentar o intérprete',
  signSmaller: 'Diminuir o intérprete',
  signNote: 'Este vídeo tem interpretação em língua gestual.',
  doneTitle: 'Parabéns!',
  doneText: 'Concluiu o curso «{title}».',
  notDoneTitle: 'Quase lá',
  notDoneText: ['Falta {n} lição para concluir o curso:', 'Faltam {n} lições para concluir o curso:'],
  results: 'Resultados dos questionários',
  restart: 'Apagar o progresso',
  restartConfirm: 'Apagar o progresso deste curso neste navegador?',
  backHome: 'Voltar ao início do curso',
  completed: 'concluída',
  visited: 'começada',
  notStarted: 'por fazer',
  madeWith: 'Feito com Juntos Studio',
  noStorage: 'Este navegador não guarda o progresso: ele perde-se ao fechar a página.',
  empty: 'Esta lição ainda não tem texto.',
  notFound: 'Esta página não existe neste curso.',
  moduleTitle: 'Módulo',
  moduleHome: 'Início do módulo',
  moduleContentsNav: 'Conteúdo do módulo',
  startModule: 'Começar o módulo',
  backModuleHome: 'Voltar ao início do módulo',
  moduleDoneTitle: 'Módulo concluído!',
  moduleDoneText: 'Concluiu o módulo «{title}».',
  moduleDoneNext: 'Continue com o módulo seguinte no conteúdo do curso, na plataforma de aprendizagem.',
  moduleDoneLast: 'Era o último módulo do curso «{title}». Veja no conteúdo do curso, na plataforma de aprendizagem, se todos os módulos estão concluídos.',
  moduleNotDoneText: ['Falta {n} lição para concluir o módulo:', 'Faltam {n} lições para concluir o módulo:'],
  // Learners and results (issue 17)
  whoTitle: 'Quem está a aprender?',
  whoIntro: 'Opcional. O nome e o grupo ficam neste computador e nos resultados que guardar para o facilitador.',
  whoKnown: 'Já aprenderam neste computador:',
  whoNew: 'Participante novo',
  whoName: 'Nome',
  whoGroup: 'Grupo (opcional)',
  whoGroupHint: 'Por exemplo a organização ou a sessão.',
  whoStart: 'Começar',
  whoSkip: 'Saltar',
  whoCancel: 'Cancelar',
  whoNameNeeded: 'Escreva um nome, ou escolha «{skip}».',
  whoAnonymous: 'Sem nome',
  learnerNow: 'A aprender: {name}',
  someoneElse: 'Outro participante',
  saveMine: 'Guardar os meus resultados',
  collectAll: 'Recolher resultados deste computador',
  savedAs: 'Guardado: {name} (na pasta de transferências).',
  nothingToSave: 'Ainda não há resultados para guardar.'
} satisfies { [key: string]: Word };

/** The names of the words the player says. */
export type WordKey = keyof typeof PT;
/** A whole dictionary: every key, no other. */
export type Dictionary = { [K in WordKey]: Word };

const EN: Dictionary = {
  skip: 'Skip to content',
  home: 'Course home',
  contents: 'Contents',
  contentsNav: 'Course contents',
  language: 'Language',
  facilitator: 'Facilitator',
  facilitatorLong: 'Facilitator mode: show the notes for the face-to-face session',
  course: 'Course',
  organisation: 'Organisation',
  licence: 'Licence',
  topics: 'Topics',
  length: 'Length',
  lessonsN: ['{n} lesson', '{n} lessons'],
  minutes: '{n} min',
  start: 'Start the course',
  resume: 'Continue: {title}',
  review: 'See the completion page',
  progress: '{done} of {total} lessons completed',
  moduleN: 'Module {n}',
  lessonOf: 'Lesson {i} of {n}',
  previous: 'Previous',
  next: 'Next',
  finish: 'Finish',
  untranslated: 'This part has not been translated into English yet: it is shown in Portuguese.',
  quiz: 'Quiz',
  questionsN: ['{n} question', '{n} questions'],
  passMark: 'Pass mark: {n}%',
  chooseOne: 'Choose one answer.',
  chooseMany: 'Choose every right answer.',
  check: 'Check answers',
  retry: 'Try again',
  answerAll: 'Answer every question before checking.',
  right: 'Right.',
  wrong: 'Not right yet.',
  score: 'Score: {score}% ({right} of {n} right).',
  passed: 'Passed! This lesson is complete.',
  failed: 'Not passed yet ({mark}% to pass). Read the lesson again and try again.',
  best: 'Your best score: {score}%.',
  quizNeeded: 'To complete this lesson, pass the quiz.',
  notes: 'Facilitator notes',
  handout: 'Printable handout',
  printHandout: 'Print the handout',
  handoutOf: 'Handout: {title}',
  handoutHint: 'Use “Print” to make a handout of this module for the face-to-face session. Videos appear as transcripts.',
  answerLine: 'Answer:',
  transcript: 'Video transcript',
  video: 'Video',
  // Sign-language interpreter (issue 16, sign.ts)
  signLabel: 'Sign-language interpreter',
  signShow: 'Show the sign-language interpreter',
  signHide: 'Hide the sign-language interpreter',
  signCorner: 'Move the interpreter to another corner',
  signLarger: 'Enlarge the interpreter',
  signSmaller: 'Make the interpreter smaller',
  signNote: 'This video has sign-language interpretation.',
  doneTitle: 'Congratulations!',
  doneText: 'You have completed the course “{title}”.',
  notDoneTitle: 'Nearly there',
  notDoneText: ['{n} lesson is left to complete the course:', '{n} lessons are left to complete the course:'],
  results: 'Quiz results',
  restart: 'Erase my progress',
  restartConfirm: 'Erase your progress in this course in this browser?',
  backHome: 'Back to the course home',
  completed: 'completed',
  visited: 'started',
  notStarted: 'to do',
  madeWith: 'Made with Juntos Studio',
  noStorage: 'This browser does not keep your progress: it is lost when the page closes.',
  empty: 'This lesson has no text yet.',
  notFound: 'This page does not exist in this course.',
  moduleTitle: 'Module',
  moduleHome: 'Module home',
  moduleContentsNav: 'Module contents',
  startModule: 'Start the module',
  backModuleHome: 'Back to the module home',
  moduleDoneTitle: 'Module finished!',
  moduleDoneText: 'You have finished the module “{title}”.',
  moduleDoneNext: 'Continue with the next module in the course contents of your learning platform.',
  moduleDoneLast: 'This was the last module of the course “{title}”. Check in the course contents of your learning platform that every module is complete.',
  moduleNotDoneText: ['{n} lesson is left to finish the module:', '{n} lessons are left to finish the module:'],
  // Learners and results (issue 17)
  whoTitle: 'Who is learning?',
  whoIntro: 'Optional. The name and group stay on this computer and in the results you save for the facilitator.',
  whoKnown: 'Already learning on this computer:',
  whoNew: 'New participant',
  whoName: 'Name',
  whoGroup: 'Group (optional)',
  whoGroupHint: 'For example the organisation or the session.',
  whoStart: 'Start',
  whoSkip: 'Skip',
  whoCancel: 'Cancel',
  whoNameNeeded: 'Write a name, or choose “{skip}”.',
  whoAnonymous: 'No name',
  learnerNow: 'Learning: {name}',
  someoneElse: 'Someone else',
  saveMine: 'Save my results',
  collectAll: "Collect this computer's results",
  savedAs: 'Saved: {name} (in the downloads folder).',
  nothingToSave: 'There are no results to save yet.'
};

/** Both dictionaries, by language. */
export const WORDS: { [L in Lang]: Dictionary } = { pt: PT, en: EN };

/** Each language's name in itself, for the language switch and caption tracks. */
export const LANG_NAMES: { [L in Lang]: string } = { pt: 'Português', en: 'English' };

/** Values put into a word's `{name}` places; `n` also picks singular or plural. */
export interface WordValues {
  [name: string]: string | number;
}

/** The word `key` in `lang`, with `{name}` places filled from `values`. */
export function translate(lang: Lang, key: WordKey, values?: WordValues): string {
  var word: Word = WORDS[lang][key];
  var text: string;
  if (typeof word === 'object') {
    text = word[values && values.n === 1 ? 0 : 1];
  } else {
    text = String(word);
  }
  if (values) {
    var given = values;
    text = text.replace(/\{(\w+)\}/g, function (all: string, name: string): string {
      return Object.prototype.hasOwnProperty.call(given, name) ? String(given[name]) : all;
    });
  }
  return text;
}
