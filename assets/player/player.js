/*
 * Juntos Studio offline course player.
 *
 * Opened from a USB stick by file://, with no network and no server, in any
 * browser. That is why this is one classic script (browsers refuse ES modules
 * and fetching other files from a file:// page), why the course arrives as window.JUNTOS_COURSE
 * (player/course-data.js), and why captions are built with addTextTrack +
 * VTTCue from WebVTT text (<track src> is refused on file:// too).
 *
 * Safety rule: lesson, summary and note HTML come from the core's renderer,
 * already sanitised; setRendered() is the ONLY place that assigns innerHTML.
 * Everything else (titles, quizzes, captions, labels) goes in as text nodes.
 *
 * ES5 on purpose: old laptops keep old browsers.
 */
(function () {
  'use strict';

  var COURSE = window.JUNTOS_COURSE;
  var app = document.getElementById('app');
  if (!COURSE || !app) {
    return;
  }

  // ---------------------------------------------------------------- words

  var WORDS = {
    pt: {
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
      moduleNotDoneText: ['Falta {n} lição para concluir o módulo:', 'Faltam {n} lições para concluir o módulo:']
    },
    en: {
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
      moduleNotDoneText: ['{n} lesson is left to finish the module:', '{n} lessons are left to finish the module:']
    }
  };
  var LANG_NAMES = { pt: 'Português', en: 'English' };

  // ---------------------------------------------------------------- storage
  // localStorage may be missing, disabled or throwing (private windows,
  // strict settings, some browsers on file://): then progress lives in
  // memory for this visit, and the page says so once.

  var storage = (function () {
    var memory = {};
    var local = null;
    try {
      local = window.localStorage;
      var probe = 'juntos.probe';
      local.setItem(probe, '1');
      local.removeItem(probe);
    } catch (e) {
      local = null;
    }
    return {
      persistent: !!local,
      get: function (key) {
        if (local) {
          try {
            return local.getItem(key);
          } catch (e) { /* fall through to memory */ }
        }
        return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
      },
      set: function (key, value) {
        memory[key] = value;
        if (local) {
          try {
            local.setItem(key, value);
          } catch (e) { /* full or refused: memory keeps it */ }
        }
      },
      remove: function (key) {
        delete memory[key];
        if (local) {
          try {
            local.removeItem(key);
          } catch (e) { /* ignore */ }
        }
      }
    };
  })();

  var LANG_KEY = 'juntos.lang';
  var FACILITATOR_KEY = 'juntos.facilitator';
  var PROGRESS_KEY = 'juntos.progress.' + COURSE.id + '.' + COURSE.revision;

  function loadProgress() {
    var empty = { visited: {}, done: {}, quiz: {}, last: null };
    if (lms) {
      // In an LMS, progress is the learner's there, never this browser's.
      return lms.progress || empty;
    }
    var raw = storage.get(PROGRESS_KEY);
    if (!raw) {
      return empty;
    }
    try {
      var p = JSON.parse(raw);
      return {
        visited: p.visited || {},
        done: p.done || {},
        quiz: p.quiz || {},
        last: p.last || null
      };
    } catch (e) {
      return empty;
    }
  }

  function saveProgress() {
    if (lms) {
      lms.save(state.progress, state.lang);
      return;
    }
    storage.set(PROGRESS_KEY, JSON.stringify(state.progress));
  }

  // ---------------------------------------------------------------- course

  var languages = (COURSE.languages && COURSE.languages.length) ? COURSE.languages : ['pt', 'en'];
  // In an LMS, a launch with ?module=<id> makes the player that module's
  // SCO (the SCORM manifest has one item per module, see docs/scorm.md):
  // only that module's lessons are shown, navigated and reported. Without
  // an LMS, or for an id that is no module with lessons, it is the whole
  // course, as on a USB stick.
  var lmsApi = connectLms();
  var SCOPE = lmsApi ? launchedModule() : null;
  var shownModules = SCOPE ? [SCOPE] : COURSE.modules.map(function (module, m) {
    return { module: module, index: m };
  });
  var lessons = [];
  var lessonById = {};
  var moduleById = {};
  shownModules.forEach(function (found) {
    moduleById[found.module.id] = found;
    found.module.lessons.forEach(function (lesson, l) {
      var entry = { lesson: lesson, module: found.module, moduleIndex: found.index, indexInModule: l, index: lessons.length };
      lessons.push(entry);
      lessonById[lesson.id] = entry;
    });
  });

  // The value of ?module= in the launch URL (an LMS appends the manifest
  // item's parameters to it), as { module, index } when it names a module
  // with lessons; else null.
  function launchedModule() {
    var pairs = String(window.location.search || '').replace(/^\?/, '').split('&');
    for (var i = 0; i < pairs.length; i++) {
      var kv = pairs[i].split('=');
      var name = kv.shift();
      if (name !== 'module' || !kv.length) {
        continue;
      }
      var id;
      try {
        id = decodeURIComponent(kv.join('=').replace(/\+/g, ' '));
      } catch (e) {
        return null;
      }
      for (var m = 0; m < COURSE.modules.length; m++) {
        if (COURSE.modules[m].id === id && COURSE.modules[m].lessons.length) {
          return { module: COURSE.modules[m], index: m };
        }
      }
      return null;
    }
    return null;
  }

  // ---------------------------------------------------------------- LMS (SCORM 1.2)
  // In an LMS (Moodle's SCORM activity and the like) this player is the
  // SCO: it finds the SCORM 1.2 API that the LMS puts in a parent or opener
  // window, and the LMS keeps the learner's progress (cmi.suspend_data),
  // status and score. Without an API it is the standalone player, and
  // nothing here runs. Launched with ?module=<id> it is one module's SCO:
  // `lessons` then holds that module's lessons only, so the status, score
  // and suspend_data below are the module's. The rules and the encoding
  // are in docs/scorm.md.

  var SUSPEND_LIMIT = 4096; // cmi.suspend_data is a CMIString4096
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var STATUS_RANK = { '': 0, 'not attempted': 0, browsed: 1, incomplete: 1, failed: 2, completed: 3, passed: 4 };
  var quizLessons = lessons.filter(function (e) { return !!e.lesson.quiz; });

  // FNV-1a (32 bits) of the course id (the module id for a module's SCO)
  // and its lessons in order (with a mark for a quiz): saved progress
  // applies only to the same lesson structure. Multiplying by the FNV prime
  // with shifts keeps it exact in ES5.
  var STRUCTURE = (function () {
    var text = String(SCOPE ? SCOPE.module.id : COURSE.id);
    lessons.forEach(function (e) {
      text += '\n' + e.lesson.id + (e.lesson.quiz ? ':q' : '');
    });
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = (h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24)) >>> 0;
    }
    return h.toString(36);
  })();

  // J1.<structure>.<p|e>.<last lesson, base 36>.<lesson states>.<quiz scores>
  // States: 2 bits a lesson (0 to do, 1 started, 2 completed), three lessons
  // a character of B64. Scores: two B64 characters a quiz lesson, best + 1
  // (0 = never tried). Trailing zeros are left out. Over the limit, the
  // scores of the last quizzes go first (their lessons stay completed),
  // then the states of the last lessons.
  function encodeSuspend(progress, lang) {
    var states = '';
    for (var i = 0; i < lessons.length; i += 3) {
      var v = 0;
      for (var k = 0; k < 3 && i + k < lessons.length; k++) {
        var id = lessons[i + k].lesson.id;
        v += (progress.done[id] ? 2 : progress.visited[id] ? 1 : 0) << (2 * k);
      }
      states += B64.charAt(v);
    }
    states = states.replace(/A+$/, '');
    var scores = '';
    quizLessons.forEach(function (e) {
      var record = progress.quiz[e.lesson.id];
      var best = record && typeof record.best === 'number' ? Math.max(0, Math.min(100, Math.floor(record.best))) + 1 : 0;
      scores += B64.charAt(best >> 6) + B64.charAt(best & 63);
    });
    scores = scores.replace(/(AA)+$/, '');
    var last = progress.last && lessonById[progress.last] ? lessonById[progress.last].index.toString(36) : '';
    var head = ['J1', STRUCTURE, lang === 'en' ? 'e' : 'p', last].join('.') + '.';
    var room = SUSPEND_LIMIT - head.length - 1;
    if (states.length > room) {
      states = states.slice(0, room);
    }
    room -= states.length;
    if (scores.length > room) {
      scores = scores.slice(0, room - (room % 2));
    }
    return head + states + '.' + scores;
  }

  // -> { progress, lang } or null when the text is not ours or is for another structure.
  function decodeSuspend(text) {
    var parts = String(text || '').split('.');
    if (parts.length !== 6 || parts[0] !== 'J1' || parts[1] !== STRUCTURE) {
      return null;
    }
    var progress = { visited: {}, done: {}, quiz: {}, last: null };
    lessons.forEach(function (e, i) {
      var c = B64.indexOf(parts[4].charAt(Math.floor(i / 3)));
      var code = c < 0 ? 0 : (c >> (2 * (i % 3))) & 3;
      if (code >= 1) {
        progress.visited[e.lesson.id] = true;
      }
      if (code === 2) {
        progress.done[e.lesson.id] = true;
      }
    });
    quizLessons.forEach(function (e, q) {
      var id = e.lesson.id;
      var hi = B64.indexOf(parts[5].charAt(2 * q));
      var lo = B64.indexOf(parts[5].charAt(2 * q + 1));
      var value = hi < 0 || lo < 0 ? 0 : hi * 64 + lo;
      if (value > 0) {
        progress.quiz[id] = { best: Math.min(100, value - 1), passed: !!progress.done[id], attempts: 1 };
      } else if (progress.done[id]) {
        // Passed, but its score did not fit: it was at least the pass mark.
        progress.quiz[id] = { best: e.lesson.quiz.pass_mark, passed: true, attempts: 1 };
      }
    });
    var last = parseInt(parts[3], 36);
    if (parts[3] && last >= 0 && last < lessons.length) {
      progress.last = lessons[last].lesson.id;
    }
    return { progress: progress, lang: parts[2] === 'e' ? 'en' : parts[2] === 'p' ? 'pt' : null };
  }

  // completed: every lesson done and no quiz. With quizzes: passed when every
  // lesson is done (a quiz lesson is done when its quiz is passed); failed
  // when every quiz was tried and one is not passed; else incomplete.
  function courseStatus(progress) {
    var allDone = lessons.every(function (e) { return !!progress.done[e.lesson.id]; });
    if (!quizLessons.length) {
      return allDone ? 'completed' : 'incomplete';
    }
    if (allDone) {
      return 'passed';
    }
    var tried = quizLessons.every(function (e) { return !!progress.quiz[e.lesson.id]; });
    var notPassed = quizLessons.some(function (e) { return !progress.done[e.lesson.id]; });
    return tried && notPassed ? 'failed' : 'incomplete';
  }

  // The mean of the best scores of all quizzes (0 for one never tried), in
  // percent; null before the first try or in a course with no quiz.
  function courseScore(progress) {
    var sum = 0;
    var tried = false;
    quizLessons.forEach(function (e) {
      var record = progress.quiz[e.lesson.id];
      if (record) {
        tried = true;
        sum += record.best || 0;
      }
    });
    return tried ? Math.floor(sum / quizLessons.length) : null;
  }

  function timespan(ms) {
    var s = Math.max(0, Math.floor(ms / 10)) / 100;
    var pad = function (n, width) {
      var text = String(n);
      while (text.length < width) {
        text = '0' + text;
      }
      return text;
    };
    var hours = Math.min(9999, Math.floor(s / 3600));
    var minutes = Math.floor((s % 3600) / 60);
    var seconds = (s % 60).toFixed(2);
    return pad(hours, 4) + ':' + pad(minutes, 2) + ':' + pad(seconds, 5);
  }

  // The standard search: this window and its parents (a few levels), then
  // the opener and its parents. A window of another origin throws when
  // looked into: it is not ours, and the search goes on.
  function findApi() {
    function scan(win) {
      for (var hops = 0; win && hops <= 10; hops++) {
        try {
          if (win.API && typeof win.API.LMSInitialize === 'function') {
            return win.API;
          }
        } catch (e) { /* another origin */ }
        var parent = null;
        try {
          parent = win.parent;
        } catch (e) { /* none */ }
        if (!parent || parent === win) {
          break;
        }
        win = parent;
      }
      return null;
    }
    var api = scan(window);
    if (!api) {
      var opener = null;
      try {
        opener = window.opener;
      } catch (e) { /* none */ }
      if (opener) {
        api = scan(opener);
      }
    }
    return api;
  }

  // The LMS's API once LMSInitialize("") said "true", else null.
  function connectLms() {
    var api = findApi();
    if (!api) {
      return null;
    }
    try {
      return String(api.LMSInitialize('')) === 'true' ? api : null;
    } catch (e) {
      return null;
    }
  }

  var lms = (function () {
    var api = lmsApi;
    if (!api) {
      return null;
    }
    function get(name) {
      try {
        var value = api.LMSGetValue(name);
        return value === null || value === undefined ? '' : String(value);
      } catch (e) {
        return '';
      }
    }
    function set(name, value) {
      try {
        return String(api.LMSSetValue(name, String(value))) === 'true';
      } catch (e) {
        return false;
      }
    }
    function commit() {
      try {
        api.LMSCommit('');
      } catch (e) { /* the LMS keeps what it has */ }
    }
    var started = new Date().getTime();
    var launchStatus = get('cmi.core.lesson_status');
    var launchRaw = parseFloat(get('cmi.core.score.raw'));
    var saved = get('cmi.suspend_data');
    var restored = decodeSuspend(saved);
    var sent = { data: saved, status: launchStatus, raw: isNaN(launchRaw) ? null : launchRaw, exit: null };
    var finished = false;
    if (!STATUS_RANK[launchStatus]) {
      // First launch: the learner has now attempted the course.
      if (set('cmi.core.lesson_status', 'incomplete')) {
        sent.status = 'incomplete';
      }
      commit();
    }

    function save(progress, lang) {
      if (finished) {
        return;
      }
      var changed = false;
      var data = encodeSuspend(progress, lang);
      if (data !== sent.data && set('cmi.suspend_data', data)) {
        sent.data = data;
        changed = true;
      }
      // Never below what the LMS already recorded (a changed course starts
      // afresh, but a learner who passed stays passed).
      var status = courseStatus(progress);
      if (status !== sent.status && STATUS_RANK[status] >= (STATUS_RANK[launchStatus] || 0) && set('cmi.core.lesson_status', status)) {
        sent.status = status;
        changed = true;
      }
      var raw = courseScore(progress);
      if (raw !== null && !isNaN(launchRaw) && launchRaw > raw) {
        raw = launchRaw;
      }
      if (raw !== null && raw !== sent.raw) {
        set('cmi.core.score.min', '0');
        set('cmi.core.score.max', '100');
        if (set('cmi.core.score.raw', String(raw))) {
          sent.raw = raw;
          changed = true;
        }
      }
      var exit = sent.status === 'passed' || sent.status === 'completed' ? '' : 'suspend';
      if (exit !== sent.exit && set('cmi.core.exit', exit)) {
        sent.exit = exit;
        changed = true;
      }
      if (changed) {
        commit();
      }
    }

    function finish(progress, lang) {
      if (finished) {
        return;
      }
      save(progress, lang);
      set('cmi.core.session_time', timespan(new Date().getTime() - started));
      commit();
      finished = true;
      try {
        api.LMSFinish('');
      } catch (e) { /* leaving anyway */ }
    }

    return {
      progress: restored ? restored.progress : null,
      lang: restored ? restored.lang : null,
      save: save,
      finish: finish
    };
  })();

  function initialLanguage() {
    if (lms && lms.lang && languages.indexOf(lms.lang) >= 0) {
      return lms.lang;
    }
    var saved = storage.get(LANG_KEY);
    if (saved && languages.indexOf(saved) >= 0) {
      return saved;
    }
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < wanted.length; i++) {
      // pt-MZ, pt-BR, pt-PT -> pt; en-GB, en-US -> en.
      var primary = String(wanted[i] || '').toLowerCase().split(/[-_]/)[0];
      if (languages.indexOf(primary) >= 0) {
        return primary;
      }
    }
    return languages.indexOf(COURSE.source_lang) >= 0 ? COURSE.source_lang : languages[0];
  }

  var state = {
    lang: initialLanguage(),
    facilitator: storage.get(FACILITATOR_KEY) === '1',
    progress: loadProgress(),
    drafts: {},
    view: null
  };

  // ---------------------------------------------------------------- helpers

  function t(key, values) {
    var text = WORDS[state.lang][key];
    if (text && typeof text === 'object') {
      text = text[values && values.n === 1 ? 0 : 1];
    }
    text = String(text);
    if (values) {
      text = text.replace(/\{(\w+)\}/g, function (all, name) {
        return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
      });
    }
    return text;
  }

  // A bilingual text in the current language, else the other one (and which it is).
  function pick(texts) {
    var other = state.lang === 'pt' ? 'en' : 'pt';
    if (texts && texts[state.lang] && String(texts[state.lang]).trim()) {
      return { text: texts[state.lang], lang: state.lang, fallback: false };
    }
    if (texts && texts[other] && String(texts[other]).trim()) {
      return { text: texts[other], lang: other, fallback: true };
    }
    return { text: '', lang: state.lang, fallback: false };
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) {
          return;
        }
        if (name === 'className') {
          node.className = value;
        } else if (name === 'text') {
          node.textContent = value;
        } else if (name.indexOf('on') === 0) {
          node.addEventListener(name.slice(2), value);
        } else {
          node.setAttribute(name, value === true ? '' : String(value));
        }
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) {
        return;
      }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  // A text element in the current language, marked with its real language when it falls back.
  function textEl(tag, texts, attrs) {
    var chosen = pick(texts);
    var node = el(tag, attrs, [chosen.text]);
    if (chosen.lang !== state.lang) {
      node.setAttribute('lang', chosen.lang);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  // THE ONLY innerHTML in the player: html is the core renderer's sanitised output.
  function setRendered(node, html) {
    node.innerHTML = html;
    // In-page links (footnotes) scroll without touching the route in the hash.
    var links = node.querySelectorAll('a[href^="#"]');
    for (var i = 0; i < links.length; i++) {
      links[i].addEventListener('click', onFragmentLink);
    }
    var external = node.querySelectorAll('a[href^="http"], a[href^="mailto:"]');
    for (var j = 0; j < external.length; j++) {
      external[j].setAttribute('target', '_blank');
    }
  }

  function onFragmentLink(event) {
    var id = decodeURIComponent(this.getAttribute('href').slice(1));
    var target = document.getElementById(id);
    if (target) {
      event.preventDefault();
      if (!target.hasAttribute('tabindex')) {
        target.setAttribute('tabindex', '-1');
      }
      target.focus();
      target.scrollIntoView();
    }
  }

  function bar(done, total, label) {
    var percent = total ? Math.round(done * 100 / total) : 0;
    var fill = el('span', { className: 'bar-fill' });
    fill.style.width = percent + '%';
    return el('span', {
      className: 'bar',
      role: 'progressbar',
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': percent,
      'aria-label': label
    }, [fill]);
  }

  function lessonStatus(id) {
    if (state.progress.done[id]) {
      return 'done';
    }
    return state.progress.visited[id] ? 'visited' : 'todo';
  }

  function doneCount(list) {
    return list.filter(function (l) { return !!state.progress.done[l.id]; }).length;
  }

  function allLessons() {
    return lessons.map(function (e) { return e.lesson; });
  }

  function href(kind, id) {
    return '#/' + kind + (id ? '/' + id : '');
  }

  // The word for the course, or for the module when this is a module's SCO.
  function scoped(courseKey, moduleKey, values) {
    return t(SCOPE ? moduleKey : courseKey, values);
  }

  // ---------------------------------------------------------------- captions

  function parseTime(text) {
    var m = /^(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})$/.exec(text.trim());
    if (!m) {
      return null;
    }
    return (parseInt(m[1] || '0', 10) * 3600) + parseInt(m[2], 10) * 60 + parseInt(m[3], 10) +
      parseInt((m[4] + '00').slice(0, 3), 10) / 1000;
  }

  // WebVTT text -> [{start, end, settings, text}]. The core stores clean WebVTT.
  function parseVtt(vtt) {
    var cues = [];
    var blocks = String(vtt || '').replace(/\r\n?/g, '\n').split(/\n{2,}/);
    blocks.forEach(function (block) {
      var lines = block.split('\n');
      var at = -1;
      for (var i = 0; i < lines.length; i++) {
        if (lines[i].indexOf('-->') >= 0) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        return; // the WEBVTT header, NOTE, STYLE or REGION blocks
      }
      var parts = lines[at].split('-->');
      var start = parseTime(parts[0]);
      var rest = (parts[1] || '').trim().split(/\s+/);
      var end = parseTime(rest[0] || '');
      if (start === null || end === null || end <= start) {
        return;
      }
      cues.push({ start: start, end: end, settings: rest.slice(1), text: lines.slice(at + 1).join('\n') });
    });
    return cues;
  }

  function makeCue(c) {
    var cue = new window.VTTCue(c.start, c.end, c.text);
    c.settings.forEach(function (s) {
      var kv = s.split(':');
      try {
        if (kv[0] === 'align') {
          cue.align = kv[1];
        } else if (kv[0] === 'line') {
          var line = kv[1].split(',')[0];
          cue.line = /%$/.test(line) ? parseFloat(line) : parseInt(line, 10);
          if (/%$/.test(line)) {
            cue.snapToLines = false;
          }
        } else if (kv[0] === 'position') {
          cue.position = parseFloat(kv[1]);
        } else if (kv[0] === 'size') {
          cue.size = parseFloat(kv[1]);
        }
      } catch (e) { /* a setting this browser does not take */ }
    });
    return cue;
  }

  function plainCueText(text) {
    // Cue markup (<i>, <v Name>, <c.x>) out; entities decoded by the parser, never as HTML.
    return text.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
      .replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&').replace(/\s*\n\s*/g, ' ');
  }

  function transcriptOf(info, open) {
    var chosen = pick(info.captions);
    if (!chosen.text) {
      return null;
    }
    var body = el('div', { className: 'transcript-text' });
    if (chosen.lang !== state.lang) {
      body.setAttribute('lang', chosen.lang);
    }
    parseVtt(chosen.text).forEach(function (c) {
      body.appendChild(el('p', null, [plainCueText(c.text)]));
    });
    if (open) {
      return el('div', { className: 'transcript open' }, [el('p', { className: 'transcript-title', text: t('transcript') }), body]);
    }
    return el('details', { className: 'transcript' }, [el('summary', { text: t('transcript') }), body]);
  }

  // Captions as tracks (current language showing, the other hidden, so both
  // have cues), a label for print, and a transcript below.
  function enhanceMedia(container, times, forPrint) {
    var players = container.querySelectorAll('video, audio');
    for (var i = 0; i < players.length; i++) {
      var media = players[i];
      var src = media.getAttribute('src');
      var info = COURSE.media[src];
      var figure = el('figure', { className: 'media' });
      media.parentNode.insertBefore(figure, media);
      figure.appendChild(media);
      media.setAttribute('playsinline', '');
      if (info) {
        media.setAttribute('aria-label', (media.textContent || info.name).trim());
        figure.insertBefore(el('figcaption', { className: 'print-only', text: t('video') + ': ' + (media.textContent.trim() || info.name) }), media);
        var langs = Object.keys(info.captions || {});
        if (typeof window.VTTCue === 'function' && media.addTextTrack) {
          langs.forEach(function (lang) {
            var track = media.addTextTrack('captions', LANG_NAMES[lang] || lang, lang);
            parseVtt(info.captions[lang]).forEach(function (c) {
              try {
                track.addCue(makeCue(c));
              } catch (e) { /* a cue the browser refuses is skipped */ }
            });
          });
          setTrackModes(media, langs);
          // Firefox runs its own track selection when the media loads and
          // disables the hidden track: set the modes again once it has.
          media.addEventListener('loadedmetadata', setTrackModes.bind(null, media, langs));
        }
        var transcript = transcriptOf(info, forPrint);
        if (transcript) {
          figure.appendChild(transcript);
        }
      }
      if (times && times[src]) {
        restoreTime(media, times[src]);
      }
    }
  }

  // The current language's captions showing, the other's hidden (its cues
  // stay readable); with none in this language, the other is shown.
  function setTrackModes(media, langs) {
    var show = langs.indexOf(state.lang) >= 0 ? state.lang : langs[0];
    for (var k = 0; k < media.textTracks.length; k++) {
      var track = media.textTracks[k];
      var mode = track.language === show ? 'showing' : 'hidden';
      if (track.mode !== mode) {
        track.mode = mode;
      }
    }
  }

  function restoreTime(media, saved) {
    var apply = function () {
      try {
        media.currentTime = saved.time;
      } catch (e) { /* not seekable yet */ }
      if (!saved.paused) {
        var played = media.play();
        if (played && played.catch) {
          played.catch(function () {});
        }
      }
    };
    if (media.readyState >= 1) {
      apply();
    } else {
      media.addEventListener('loadedmetadata', apply, { once: true });
    }
  }

  function mediaTimes() {
    var times = {};
    var players = document.querySelectorAll('#main video, #main audio');
    for (var i = 0; i < players.length; i++) {
      var p = players[i];
      if (p.currentTime > 0) {
        times[p.getAttribute('src')] = { time: p.currentTime, paused: p.paused };
      }
    }
    return times;
  }

  // ---------------------------------------------------------------- shell

  var shell = {};

  function buildShell() {
    clear(app);
    shell.skip = el('a', { className: 'skip', href: '#main' });
    shell.skip.addEventListener('click', function (event) {
      event.preventDefault();
      focusMain();
    });
    shell.homeLink = el('a', { className: 'brand', href: href('') });
    shell.courseTitle = el('span', { className: 'brand-title' });
    shell.homeLink.appendChild(shell.courseTitle);

    shell.tocButton = el('button', { type: 'button', className: 'tool toc-toggle', 'aria-expanded': 'false', 'aria-controls': 'toc' });
    shell.tocButton.addEventListener('click', function () {
      setTocOpen(shell.tocButton.getAttribute('aria-expanded') !== 'true');
    });

    shell.langGroup = el('div', { className: 'langs', role: 'group' });
    shell.langButtons = {};
    if (languages.length > 1) {
      languages.forEach(function (lang) {
        var b = el('button', { type: 'button', className: 'tool lang', lang: lang, 'data-lang': lang, title: LANG_NAMES[lang], text: lang.toUpperCase() });
        b.setAttribute('aria-label', LANG_NAMES[lang]);
        b.addEventListener('click', function () { setLanguage(lang); });
        shell.langButtons[lang] = b;
        shell.langGroup.appendChild(b);
      });
    }

    shell.facilitatorButton = el('button', { type: 'button', className: 'tool facilitator-toggle', 'aria-pressed': 'false' });
    shell.facilitatorButton.addEventListener('click', function () { setFacilitator(!state.facilitator); });

    var header = el('header', { className: 'topbar' }, [
      el('div', { className: 'topbar-inner' }, [
        shell.homeLink,
        el('div', { className: 'tools' }, [shell.tocButton, shell.langGroup, shell.facilitatorButton])
      ])
    ]);
    shell.toc = el('nav', { id: 'toc', className: 'toc' });
    shell.main = el('main', { id: 'main', className: 'content', tabindex: '-1' });
    shell.footer = el('footer', { className: 'footer' });
    app.appendChild(shell.skip);
    app.appendChild(header);
    app.appendChild(el('div', { className: 'layout' }, [shell.toc, el('div', { className: 'page' }, [shell.main, shell.footer])]));
    app.className = 'ready';
  }

  function updateShell() {
    document.documentElement.setAttribute('lang', state.lang);
    document.body.classList.toggle('facilitator', state.facilitator);
    shell.skip.textContent = t('skip');
    var title = pick(COURSE.title);
    shell.courseTitle.textContent = title.text;
    shell.courseTitle.setAttribute('lang', title.lang);
    shell.homeLink.setAttribute('title', scoped('home', 'moduleHome'));
    shell.tocButton.textContent = t('contents');
    shell.langGroup.setAttribute('aria-label', t('language'));
    Object.keys(shell.langButtons).forEach(function (lang) {
      shell.langButtons[lang].setAttribute('aria-pressed', lang === state.lang ? 'true' : 'false');
    });
    shell.facilitatorButton.textContent = t('facilitator');
    shell.facilitatorButton.setAttribute('title', t('facilitatorLong'));
    shell.facilitatorButton.setAttribute('aria-pressed', state.facilitator ? 'true' : 'false');
    shell.toc.setAttribute('aria-label', scoped('contentsNav', 'moduleContentsNav'));
    renderToc();
    renderFooter();
  }

  function setTocOpen(open) {
    shell.tocButton.setAttribute('aria-expanded', open ? 'true' : 'false');
    shell.toc.classList.toggle('open', open);
    if (open) {
      var current = shell.toc.querySelector('[aria-current="page"]') || shell.toc.querySelector('a');
      if (current) {
        current.focus();
      }
    }
  }

  function renderToc() {
    clear(shell.toc);
    var current = state.view && state.view.kind === 'lesson' ? state.view.id : null;
    var list = el('ol', { className: 'toc-modules' });
    shownModules.forEach(function (found) {
      var module = found.module;
      var m = found.index;
      var items = el('ol', { className: 'toc-lessons' });
      module.lessons.forEach(function (lesson) {
        var status = lessonStatus(lesson.id);
        var link = el('a', { href: href('lesson', lesson.id), className: 'toc-link status-' + status }, [
          el('span', { className: 'status-dot', 'aria-hidden': 'true' }),
          textEl('span', lesson.title, { className: 'toc-title' }),
          el('span', { className: 'sr-only', text: ' (' + t(status === 'done' ? 'completed' : status === 'visited' ? 'visited' : 'notStarted') + ')' })
        ]);
        if (lesson.id === current) {
          link.setAttribute('aria-current', 'page');
        }
        items.appendChild(el('li', null, [link]));
      });
      var head = el('div', { className: 'toc-module' }, [
        el('span', { className: 'toc-module-n', text: t('moduleN', { n: m + 1 }) }),
        textEl('span', module.title, { className: 'toc-module-title' })
      ]);
      list.appendChild(el('li', null, [head, items]));
    });
    var total = lessons.length;
    var done = doneCount(allLessons());
    shell.toc.appendChild(el('div', { className: 'toc-progress' }, [
      el('span', { text: t('progress', { done: done, total: total }) }),
      bar(done, total, t('progress', { done: done, total: total }))
    ]));
    shell.toc.appendChild(list);
  }

  function renderFooter() {
    clear(shell.footer);
    var parts = [t('madeWith')];
    if (COURSE.organisation) {
      parts.unshift(COURSE.organisation);
    }
    if (COURSE.licence) {
      parts.push(t('licence') + ': ' + COURSE.licence);
    }
    shell.footer.appendChild(el('p', { text: parts.join(' · ') }));
    if (!storage.persistent && !lms) {
      shell.footer.appendChild(el('p', { className: 'storage-note', text: t('noStorage') }));
    }
  }

  function focusMain() {
    var heading = shell.main.querySelector('h1');
    var target = heading || shell.main;
    if (!target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1');
    }
    target.focus({ preventScroll: true });
  }

  function setLanguage(lang) {
    if (lang === state.lang || languages.indexOf(lang) < 0) {
      return;
    }
    state.lang = lang;
    storage.set(LANG_KEY, lang);
    if (lms) {
      saveProgress();
    }
    var times = mediaTimes();
    var scroll = window.pageYOffset;
    updateShell();
    render(times, false);
    window.scrollTo(0, scroll);
  }

  function setFacilitator(on) {
    state.facilitator = on;
    storage.set(FACILITATOR_KEY, on ? '1' : '0');
    var times = mediaTimes();
    var scroll = window.pageYOffset;
    updateShell();
    render(times, false);
    window.scrollTo(0, scroll);
  }

  // ---------------------------------------------------------------- views

  function parseRoute() {
    var hash = window.location.hash || '';
    var m = /^#\/(lesson|module|done)(?:\/([\w-]+))?$/.exec(hash);
    if (!m) {
      return { kind: hash.indexOf('#/') === 0 && hash !== '#/' ? 'missing' : 'home' };
    }
    return { kind: m[1], id: m[2] || null };
  }

  function render(times, moveFocus) {
    var view = state.view;
    clear(shell.main);
    shell.main.className = 'content view-' + view.kind;
    var title = pick(COURSE.title).text;
    if (view.kind === 'lesson' && lessonById[view.id]) {
      renderLesson(lessonById[view.id], times);
      document.title = pick(lessonById[view.id].lesson.title).text + ' · ' + title;
    } else if (view.kind === 'module' && moduleById[view.id]) {
      renderHandout(moduleById[view.id]);
      document.title = t('handoutOf', { title: pick(moduleById[view.id].module.title).text }) + ' · ' + title;
    } else if (view.kind === 'done') {
      renderDone();
      document.title = scoped('doneTitle', 'moduleDoneTitle') + ' · ' + title;
    } else if (view.kind === 'home') {
      renderHome();
      document.title = SCOPE ? pick(SCOPE.module.title).text + ' · ' + title : title;
    } else {
      renderMissing();
      document.title = title;
    }
    renderToc();
    if (moveFocus) {
      focusMain();
    }
  }

  function onRoute() {
    var hash = window.location.hash || '';
    if (hash && hash.indexOf('#/') !== 0 && hash !== '#') {
      // An in-page anchor (a footnote, the skip link): not a page of its own.
      return;
    }
    state.view = parseRoute();
    setTocOpen(false);
    render(null, true);
    window.scrollTo(0, 0);
  }

  function metaItem(label, value, lang) {
    var v = el('dd', null, [value]);
    if (lang) {
      v.setAttribute('lang', lang);
    }
    return [el('dt', { text: label }), v];
  }

  function firstUnfinished() {
    for (var i = 0; i < lessons.length; i++) {
      if (!state.progress.done[lessons[i].lesson.id]) {
        return lessons[i];
      }
    }
    return null;
  }

  function renderHome() {
    var main = shell.main;
    var total = lessons.length;
    var done = doneCount(allLessons());
    var minutes = allLessons().reduce(function (sum, l) { return sum + (l.minutes || 0); }, 0);

    var hero = el('section', { className: 'hero' });
    if (SCOPE) {
      // A module's SCO: the module, in the context of its course.
      hero.appendChild(el('p', { className: 'eyebrow' }, [
        textEl('span', COURSE.title),
        ' · ' + t('moduleN', { n: SCOPE.index + 1 })
      ]));
      hero.appendChild(textEl('h1', SCOPE.module.title));
    } else {
      hero.appendChild(el('p', { className: 'eyebrow', text: t('course') }));
      hero.appendChild(textEl('h1', COURSE.title));
    }
    var summary = SCOPE ? { text: '' } : pick(COURSE.summary);
    if (summary.text) {
      var s = el('div', { className: 'summary rendered' });
      if (summary.lang !== state.lang) {
        s.setAttribute('lang', summary.lang);
      }
      setRendered(s, summary.text);
      enhanceMedia(s, null, false);
      hero.appendChild(s);
    }
    var meta = el('dl', { className: 'meta' });
    var items = [];
    if (COURSE.organisation) {
      items = items.concat(metaItem(t('organisation'), COURSE.organisation));
    }
    if (COURSE.licence) {
      items = items.concat(metaItem(t('licence'), COURSE.licence));
    }
    items = items.concat(metaItem(t('length'), t('lessonsN', { n: total }) + (minutes ? ' · ' + t('minutes', { n: minutes }) : '')));
    if (COURSE.topics && COURSE.topics.length) {
      items = items.concat(metaItem(t('topics'), COURSE.topics.join(', ')));
    }
    items.forEach(function (node) { meta.appendChild(node); });
    hero.appendChild(meta);

    var progressText = t('progress', { done: done, total: total });
    hero.appendChild(el('div', { className: 'hero-progress' }, [el('span', { text: progressText }), bar(done, total, progressText)]));
    var next = firstUnfinished();
    var action;
    if (!total) {
      action = null;
    } else if (!next) {
      action = el('a', { className: 'btn primary', href: href('done'), text: t('review') });
    } else if (done === 0 && !state.progress.last) {
      action = el('a', { className: 'btn primary', href: href('lesson', lessons[0].lesson.id), text: scoped('start', 'startModule') });
    } else {
      var resume = (state.progress.last && lessonById[state.progress.last] && !state.progress.done[state.progress.last]) ? lessonById[state.progress.last] : next;
      action = el('a', { className: 'btn primary', href: href('lesson', resume.lesson.id), text: t('resume', { title: pick(resume.lesson.title).text }) });
    }
    if (action) {
      hero.appendChild(el('p', { className: 'actions' }, [action]));
    }
    main.appendChild(hero);

    var modules = el('ol', { className: 'modules' });
    shownModules.forEach(function (found) {
      var module = found.module;
      var m = found.index;
      var mDone = doneCount(module.lessons);
      var list = el('ol', { className: 'lesson-list' });
      module.lessons.forEach(function (lesson) {
        var status = lessonStatus(lesson.id);
        list.appendChild(el('li', null, [
          el('a', { href: href('lesson', lesson.id), className: 'lesson-link status-' + status }, [
            el('span', { className: 'status-dot', 'aria-hidden': 'true' }),
            textEl('span', lesson.title, { className: 'lesson-link-title' }),
            lesson.minutes ? el('span', { className: 'lesson-link-min', text: t('minutes', { n: lesson.minutes }) }) : null,
            el('span', { className: 'sr-only', text: ' (' + t(status === 'done' ? 'completed' : status === 'visited' ? 'visited' : 'notStarted') + ')' })
          ])
        ]));
      });
      var label = t('progress', { done: mDone, total: module.lessons.length });
      var card = el('li', { className: 'module-card' }, [
        el('p', { className: 'eyebrow', text: t('moduleN', { n: m + 1 }) }),
        textEl('h2', module.title),
        el('div', { className: 'module-progress' }, [el('span', { text: label }), bar(mDone, module.lessons.length, label)]),
        list,
        state.facilitator ? el('p', { className: 'handout-link' }, [el('a', { href: href('module', module.id), text: t('handout') })]) : null
      ]);
      modules.appendChild(card);
    });
    main.appendChild(modules);
  }

  function renderLesson(entry, times) {
    var main = shell.main;
    var lesson = entry.lesson;
    var moduleLessons = entry.module.lessons.length;
    state.progress.visited[lesson.id] = true;
    state.progress.last = lesson.id;
    if (!lesson.quiz) {
      state.progress.done[lesson.id] = true;
    }
    saveProgress();

    var article = el('article', { className: 'lesson' });
    var crumbs = el('p', { className: 'eyebrow crumbs' }, [
      t('moduleN', { n: entry.moduleIndex + 1 }) + ' · ',
      textEl('span', entry.module.title)
    ]);
    article.appendChild(crumbs);
    article.appendChild(textEl('h1', lesson.title));
    article.appendChild(el('p', { className: 'lesson-meta' }, [
      t('lessonOf', { i: entry.indexInModule + 1, n: moduleLessons }) + (lesson.minutes ? ' · ' + t('minutes', { n: lesson.minutes }) : '')
    ]));

    var body = pick(lesson.body);
    if (body.fallback) {
      article.appendChild(el('p', { className: 'notice', text: t('untranslated') }));
    }
    var content = el('div', { className: 'lesson-body rendered' });
    if (body.text) {
      if (body.lang !== state.lang) {
        content.setAttribute('lang', body.lang);
      }
      setRendered(content, body.text);
      enhanceMedia(content, times, false);
    } else {
      content.appendChild(el('p', { className: 'muted', text: t('empty') }));
    }
    article.appendChild(content);

    if (lesson.quiz && lesson.quiz.questions && lesson.quiz.questions.length) {
      article.appendChild(renderQuiz(lesson));
    }

    var notes = pick(lesson.notes);
    if (state.facilitator && notes.text) {
      var aside = el('aside', { className: 'notes', 'aria-labelledby': 'notes-title' }, [
        el('h2', { id: 'notes-title', text: t('notes') })
      ]);
      var notesBody = el('div', { className: 'notes-body rendered' });
      if (notes.lang !== state.lang) {
        notesBody.setAttribute('lang', notes.lang);
      }
      setRendered(notesBody, notes.text);
      enhanceMedia(notesBody, times, false);
      aside.appendChild(notesBody);
      article.appendChild(aside);
    }
    main.appendChild(article);
    main.appendChild(pager(entry));
  }

  function pager(entry) {
    var prev = lessons[entry.index - 1];
    var next = lessons[entry.index + 1];
    var nav = el('nav', { className: 'pager', 'aria-label': t('previous') + ' / ' + t('next') });
    if (prev) {
      nav.appendChild(el('a', { className: 'btn pager-prev', href: href('lesson', prev.lesson.id), rel: 'prev' }, [
        el('span', { className: 'pager-dir', text: '← ' + t('previous') }),
        textEl('span', prev.lesson.title, { className: 'pager-title' })
      ]));
    } else {
      nav.appendChild(el('a', { className: 'btn pager-prev', href: href('') }, [
        el('span', { className: 'pager-dir', text: '← ' + scoped('home', 'moduleHome') })
      ]));
    }
    if (next) {
      nav.appendChild(el('a', { className: 'btn primary pager-next', href: href('lesson', next.lesson.id), rel: 'next' }, [
        el('span', { className: 'pager-dir', text: t('next') + ' →' }),
        textEl('span', next.lesson.title, { className: 'pager-title' })
      ]));
    } else {
      nav.appendChild(el('a', { className: 'btn primary pager-next', href: href('done') }, [
        el('span', { className: 'pager-dir', text: t('finish') + ' →' })
      ]));
    }
    return nav;
  }

  // ---------------------------------------------------------------- quiz

  function isRight(question, chosen) {
    var want = question.options.filter(function (o) { return o.correct; }).map(function (o) { return o.id; }).sort();
    var got = chosen.slice().sort();
    return want.length === got.length && want.every(function (id, i) { return id === got[i]; });
  }

  function renderQuiz(lesson) {
    var quiz = lesson.quiz;
    var draft = state.drafts[lesson.id] || (state.drafts[lesson.id] = { answers: {}, checked: false });
    var section = el('section', { className: 'quiz', 'aria-labelledby': 'quiz-title' });
    section.appendChild(el('h2', { id: 'quiz-title', text: t('quiz') }));
    section.appendChild(el('p', { className: 'quiz-meta', text: t('questionsN', { n: quiz.questions.length }) + ' · ' + t('passMark', { n: quiz.pass_mark }) }));
    var best = el('p', { className: 'quiz-best' });
    var showBest = function () {
      var record = state.progress.quiz[lesson.id];
      best.textContent = record ? t('best', { score: record.best }) + (record.passed ? ' ' + t('passed') : '') : t('quizNeeded');
    };
    showBest();
    section.appendChild(best);

    var fieldsets = [];
    quiz.questions.forEach(function (question, q) {
      var multiple = question.kind === 'multiple_choice';
      var name = 'q-' + lesson.id + '-' + q;
      var fs = el('fieldset', { className: 'question', 'data-question': question.id });
      var legend = el('legend', null, [el('span', { className: 'q-n', text: (q + 1) + '. ' }), textEl('span', question.prompt)]);
      fs.appendChild(legend);
      fs.appendChild(el('p', { className: 'q-hint', text: t(multiple ? 'chooseMany' : 'chooseOne') }));
      var options = el('div', { className: 'options' });
      question.options.forEach(function (option) {
        var chosen = draft.answers[question.id] || [];
        var input = el('input', {
          type: multiple ? 'checkbox' : 'radio',
          name: name,
          value: option.id,
          checked: chosen.indexOf(option.id) >= 0,
          disabled: draft.checked
        });
        input.addEventListener('change', function () {
          var picked = [];
          var inputs = options.querySelectorAll('input');
          for (var i = 0; i < inputs.length; i++) {
            if (inputs[i].checked) {
              picked.push(inputs[i].value);
            }
          }
          draft.answers[question.id] = picked;
          fs.classList.remove('unanswered');
        });
        options.appendChild(el('label', { className: 'option', 'data-option': option.id }, [input, textEl('span', option.text)]));
      });
      fs.appendChild(options);
      var feedback = el('div', { className: 'q-feedback', hidden: true });
      fs.appendChild(feedback);
      fieldsets.push({ fs: fs, question: question, feedback: feedback });
      section.appendChild(fs);
    });

    var result = el('div', { className: 'quiz-result', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
    var check = el('button', { type: 'button', className: 'btn primary quiz-check', text: t('check') });
    var retry = el('button', { type: 'button', className: 'btn quiz-retry', text: t('retry'), hidden: true });
    section.appendChild(el('div', { className: 'quiz-actions' }, [check, retry]));
    section.appendChild(result);

    function showResults(record) {
      var right = 0;
      fieldsets.forEach(function (f) {
        var chosen = draft.answers[f.question.id] || [];
        var ok = isRight(f.question, chosen);
        if (ok) {
          right++;
        }
        f.fs.classList.remove('right', 'wrong');
        f.fs.classList.add(ok ? 'right' : 'wrong');
        clear(f.feedback);
        f.feedback.appendChild(el('p', { className: 'verdict', text: (ok ? '✓ ' : '✗ ') + t(ok ? 'right' : 'wrong') }));
        f.question.options.forEach(function (option) {
          if (chosen.indexOf(option.id) >= 0 && pick(option.feedback).text) {
            f.feedback.appendChild(textEl('p', option.feedback));
          }
        });
        if (pick(f.question.feedback).text) {
          f.feedback.appendChild(textEl('p', f.question.feedback));
        }
        f.feedback.hidden = false;
        var inputs = f.fs.querySelectorAll('input');
        for (var i = 0; i < inputs.length; i++) {
          inputs[i].disabled = true;
          inputs[i].parentNode.classList.toggle('chosen', inputs[i].checked);
        }
      });
      var n = fieldsets.length;
      var score = Math.floor(right * 100 / n);
      var passed = score >= quiz.pass_mark;
      clear(result);
      result.className = 'quiz-result ' + (passed ? 'passed' : 'failed');
      result.appendChild(el('p', { className: 'score', text: t('score', { score: score, right: right, n: n }) }));
      result.appendChild(el('p', { text: passed ? t('passed') : t('failed', { mark: quiz.pass_mark }) }));
      check.hidden = true;
      retry.hidden = false;
      if (record) {
        var before = state.progress.quiz[lesson.id] || { best: 0, passed: false, attempts: 0 };
        state.progress.quiz[lesson.id] = {
          best: Math.max(before.best || 0, score),
          last: score,
          passed: !!before.passed || passed,
          attempts: (before.attempts || 0) + 1
        };
        if (passed) {
          state.progress.done[lesson.id] = true;
        }
        saveProgress();
        renderToc();
        showBest();
      }
    }

    check.addEventListener('click', function () {
      var missing = null;
      fieldsets.forEach(function (f) {
        var chosen = draft.answers[f.question.id] || [];
        if (!chosen.length) {
          f.fs.classList.add('unanswered');
          missing = missing || f;
        }
      });
      clear(result);
      if (missing) {
        result.className = 'quiz-result failed';
        result.appendChild(el('p', { text: t('answerAll') }));
        var first = missing.fs.querySelector('input');
        if (first) {
          first.focus();
        }
        return;
      }
      draft.checked = true;
      showResults(true);
      result.focus();
    });
    retry.addEventListener('click', function () {
      draft.answers = {};
      draft.checked = false;
      fieldsets.forEach(function (f) {
        f.fs.classList.remove('right', 'wrong', 'unanswered');
        clear(f.feedback);
        f.feedback.hidden = true;
        var inputs = f.fs.querySelectorAll('input');
        for (var i = 0; i < inputs.length; i++) {
          inputs[i].disabled = false;
          inputs[i].checked = false;
          inputs[i].parentNode.classList.remove('chosen');
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

  // ---------------------------------------------------------------- handout

  function renderHandout(found) {
    var main = shell.main;
    var module = found.module;
    var head = el('header', { className: 'handout-head' }, [
      el('p', { className: 'eyebrow' }, [pick(COURSE.title).text + ' · ' + t('moduleN', { n: found.index + 1 })]),
      textEl('h1', module.title),
      el('p', { className: 'screen-only muted', text: t('handoutHint') }),
      el('p', { className: 'screen-only actions' }, [
        el('button', { type: 'button', className: 'btn primary', text: t('printHandout'), onclick: function () { window.print(); } }),
        ' ',
        el('a', { className: 'btn', href: href(''), text: scoped('backHome', 'backModuleHome') })
      ])
    ]);
    main.appendChild(head);
    module.lessons.forEach(function (lesson, i) {
      var section = el('section', { className: 'handout-lesson' });
      section.appendChild(el('h2', null, [(found.index + 1) + '.' + (i + 1) + ' ', textEl('span', lesson.title)]));
      var body = pick(lesson.body);
      if (body.text) {
        var content = el('div', { className: 'lesson-body rendered' });
        if (body.lang !== state.lang) {
          content.setAttribute('lang', body.lang);
        }
        setRendered(content, body.text);
        enhanceMedia(content, null, true);
        section.appendChild(content);
      }
      if (lesson.quiz && lesson.quiz.questions.length) {
        var quiz = el('div', { className: 'handout-quiz' }, [el('h3', { text: t('quiz') })]);
        var list = el('ol');
        lesson.quiz.questions.forEach(function (question) {
          var options = el('ul', { className: 'handout-options' });
          question.options.forEach(function (option) {
            options.appendChild(textEl('li', option.text));
          });
          list.appendChild(el('li', null, [textEl('p', question.prompt), options]));
        });
        quiz.appendChild(list);
        section.appendChild(quiz);
      }
      var notes = pick(lesson.notes);
      if (state.facilitator && notes.text) {
        var aside = el('aside', { className: 'notes' }, [el('h3', { text: t('notes') })]);
        var notesBody = el('div', { className: 'notes-body rendered' });
        if (notes.lang !== state.lang) {
          notesBody.setAttribute('lang', notes.lang);
        }
        setRendered(notesBody, notes.text);
        enhanceMedia(notesBody, null, true);
        aside.appendChild(notesBody);
        section.appendChild(aside);
      }
      main.appendChild(section);
    });
  }

  // ---------------------------------------------------------------- completion

  function renderDone() {
    var main = shell.main;
    var missing = lessons.filter(function (e) { return !state.progress.done[e.lesson.id]; });
    var box = el('section', { className: 'done ' + (missing.length ? 'not-yet' : 'complete') });
    if (!missing.length && SCOPE) {
      // The end of a module's SCO: the next module is the LMS's to open.
      box.appendChild(el('div', { className: 'done-mark', 'aria-hidden': 'true', text: '✓' }));
      box.appendChild(el('h1', { text: t('moduleDoneTitle') }));
      box.appendChild(el('p', { className: 'lead', text: t('moduleDoneText', { title: pick(SCOPE.module.title).text }) }));
      box.appendChild(el('p', { className: 'next-module', text: isLastModule() ? t('moduleDoneLast', { title: pick(COURSE.title).text }) : t('moduleDoneNext') }));
    } else if (!missing.length) {
      box.appendChild(el('div', { className: 'done-mark', 'aria-hidden': 'true', text: '✓' }));
      box.appendChild(el('h1', { text: t('doneTitle') }));
      box.appendChild(el('p', { className: 'lead', text: t('doneText', { title: pick(COURSE.title).text }) }));
    } else {
      box.appendChild(el('h1', { text: t('notDoneTitle') }));
      box.appendChild(el('p', { className: 'lead', text: scoped('notDoneText', 'moduleNotDoneText', { n: missing.length }) }));
      var list = el('ul', { className: 'lesson-list' });
      missing.forEach(function (e) {
        list.appendChild(el('li', null, [el('a', { className: 'lesson-link status-' + lessonStatus(e.lesson.id), href: href('lesson', e.lesson.id) }, [
          el('span', { className: 'status-dot', 'aria-hidden': 'true' }),
          textEl('span', e.lesson.title, { className: 'lesson-link-title' })
        ])]));
      });
      box.appendChild(list);
    }
    var quizzes = lessons.filter(function (e) { return e.lesson.quiz; });
    if (quizzes.length) {
      var table = el('table', { className: 'results' });
      var rows = el('tbody');
      quizzes.forEach(function (e) {
        var record = state.progress.quiz[e.lesson.id];
        rows.appendChild(el('tr', null, [
          el('th', { scope: 'row' }, [textEl('span', e.lesson.title)]),
          el('td', { text: record ? record.best + '%' : '—' }),
          el('td', { text: record && record.passed ? '✓' : '' })
        ]));
      });
      table.appendChild(el('caption', { text: t('results') }));
      table.appendChild(rows);
      box.appendChild(table);
    }
    var restart = el('button', { type: 'button', className: 'btn', text: t('restart') });
    restart.addEventListener('click', function () {
      var ok = true;
      try {
        ok = window.confirm(t('restartConfirm'));
      } catch (e) { /* no dialogs: go ahead */ }
      if (ok) {
        state.progress = { visited: {}, done: {}, quiz: {}, last: null };
        state.drafts = {};
        storage.remove(PROGRESS_KEY);
        window.location.hash = '#/';
      }
    });
    // In an LMS, attempts are the LMS's to start again.
    box.appendChild(el('p', { className: 'actions' }, [el('a', { className: 'btn primary', href: href(''), text: scoped('backHome', 'backModuleHome') }), lms ? null : ' ', lms ? null : restart]));
    main.appendChild(box);
  }

  // Whether this module's SCO is the course's last module with lessons.
  function isLastModule() {
    for (var m = SCOPE.index + 1; m < COURSE.modules.length; m++) {
      if (COURSE.modules[m].lessons.length) {
        return false;
      }
    }
    return true;
  }

  function renderMissing() {
    shell.main.appendChild(el('h1', { text: t('notFound') }));
    shell.main.appendChild(el('p', null, [el('a', { className: 'btn primary', href: href(''), text: scoped('backHome', 'backModuleHome') })]));
  }

  // ---------------------------------------------------------------- start

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && shell.toc && shell.toc.classList.contains('open')) {
      setTocOpen(false);
      shell.tocButton.focus();
    }
  });

  // Printing a lesson shows its transcripts too (closed <details> would not print).
  var openedForPrint = [];
  window.addEventListener('beforeprint', function () {
    var closed = document.querySelectorAll('details.transcript:not([open])');
    for (var i = 0; i < closed.length; i++) {
      closed[i].open = true;
      openedForPrint.push(closed[i]);
    }
  });
  window.addEventListener('afterprint', function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });

  if (lms) {
    // Leaving (closing the tab, the LMS removing or reloading the frame):
    // about to go, make sure the LMS has everything; gone, finish. Every
    // change was already committed as it happened, so a browser that dies
    // without these events loses only the session time.
    window.addEventListener('beforeunload', function () {
      lms.save(state.progress, state.lang);
    });
    window.addEventListener('pagehide', function () {
      lms.finish(state.progress, state.lang);
    });
  }

  buildShell();
  state.view = parseRoute();
  updateShell();
  render(null, false);
  window.addEventListener('hashchange', onRoute);
})();
