/**
 * Juntos Studio offline course player: the start.
 *
 * Opened from a USB stick by file://, with no network and no server, in any
 * browser; also a SCORM 1.2 SCO in an LMS, and a Kolibri HTML5 app in a
 * sandboxed iframe. That is why it is bundled into one classic ES5 script
 * (browsers refuse ES modules and fetching other files from a file:// page;
 * old laptops keep old browsers), why the course arrives as
 * window.JUNTOS_COURSE (player/course-data.js), and why captions arrive as
 * cues built into tracks with addTextTrack + VTTCue (<track src> is refused
 * on file:// too). See docs/player.md.
 */

'use strict';

import { Player } from './context.js';
import { Lang } from './course-data.js';
import { initialLanguage, languageKey } from './language.js';
import { learnerChanged, onRoute, parseRoute, render, setFacilitator, setLanguage } from './navigation.js';
import { openLearning, showing, startLessonClock, switchLearner } from './learning.js';
import { Learner, progressKeyOf, wasAsked } from './learners.js';
import { saveResults } from './save.js';
import { openLearnerDialog } from './views/learners.js';
import { t } from './context.js';
import { launchedModule, launchParameter, makeOutline } from './outline.js';
import { emptyProgress, progressKey, readProgress } from './progress.js';
import { connectLms } from './scorm/api.js';
import { FailedStatus, openLmsSession } from './scorm/session.js';
import { buildShell, setTocOpen, Shell, updateShell } from './shell.js';
import { FACILITATOR_KEY, openStorage } from './storage.js';

function start(): void {
  var course = window.JUNTOS_COURSE;
  var app = document.getElementById('app');
  if (!course || !app) {
    return;
  }
  var storage = openStorage();
  var languages: Lang[] = course.languages && course.languages.length ? course.languages : ['pt', 'en'];
  // In an LMS, a launch with ?module=<id> makes the player that module's
  // SCO (the SCORM manifest has one item per module, see docs/scorm.md).
  // Without an LMS, or for an id that is no module with lessons, it is the
  // whole course, as on a USB stick.
  var api = connectLms();
  var outline = makeOutline(course, api ? launchedModule(course, window.location.search) : null);
  // A failed quiz is reported as incomplete unless the manifest item's
  // parameters say failed=failed (docs/scorm.md).
  var failedStatus: FailedStatus = launchParameter(window.location.search, 'failed') === 'failed' ? 'failed' : 'incomplete';
  var lms = api ? openLmsSession(api, course, outline, failedStatus) : null;
  // Standalone, the learner is this device's current one (learners.ts); in an LMS, the LMS's.
  var learning = lms ? null : openLearning(storage, course.id, course.revision);
  var key = learning ? progressKeyOf(learning.learner, course.id, course.revision) : progressKey(course);
  var langKey = languageKey(course.id, lms ? lms.learner : null);
  var p: Player = {
    course: course,
    outline: outline,
    languages: languages,
    storage: storage,
    lms: lms,
    progressKey: key,
    langKey: langKey,
    learning: learning,
    state: {
      lang: initialLanguage({
        languages: languages,
        fromLms: lms ? lms.lang : null,
        saved: storage.get(langKey),
        sourceLang: course.source_lang
      }),
      facilitator: storage.get(FACILITATOR_KEY) === '1',
      // In an LMS, progress is the learner's there, never this browser's.
      progress: lms ? lms.progress || emptyProgress() : readProgress(storage, key),
      drafts: {},
      view: null
    }
  };

  var shell: Shell | null = null;
  document.addEventListener('keydown', function (event: KeyboardEvent): void {
    if (event.key === 'Escape' && shell && shell.toc.classList.contains('open')) {
      setTocOpen(shell, false);
      shell.tocButton.focus();
    }
  });
  openTranscriptsForPrint();
  if (lms) {
    var session = lms;
    // Leaving (closing the tab, the LMS removing or reloading the frame):
    // about to go, make sure the LMS has everything; gone, finish. Every
    // change was already committed as it happened, so a browser that dies
    // without these events loses only the session time.
    window.addEventListener('beforeunload', function (): void {
      session.save(p.state.progress, p.state.lang);
    });
    window.addEventListener('pagehide', function (): void {
      session.finish(p.state.progress, p.state.lang);
    });
  }

  var built: Shell = buildShell(p, app, {
    setLanguage: function (lang: Lang): void {
      setLanguage(p, built, lang);
    },
    toggleFacilitator: function (): void {
      setFacilitator(p, built, !p.state.facilitator);
    },
    someoneElse: function (): void {
      openLearnerDialog(p, false, function (learner: Learner | null): void {
        if (learner) {
          built.saveStatus.textContent = '';
          switchLearner(p, learner);
          learnerChanged(p, built);
        }
      });
    },
    saveResults: function (scope: 'learner' | 'device'): void {
      var name = saveResults(p, scope);
      built.saveStatus.textContent = name ? t(p, 'savedAs', { name: name }) : t(p, 'nothingToSave');
    }
  });
  shell = built;
  p.state.view = parseRoute(window.location.hash || '');
  if (lms && lms.location && p.state.view.kind === 'home' && outline.lessonById[lms.location]) {
    // The LMS resumes the attempt: back to the lesson the learner was at.
    p.state.view = { kind: 'lesson', id: lms.location };
    try {
      window.history.replaceState(null, '', '#/lesson/' + lms.location);
    } catch (e) {
      /* the page still shows the lesson */
    }
  }
  updateShell(p, built);
  render(p, built, null, false);
  window.addEventListener('hashchange', function (): void {
    onRoute(p, built);
  });
  if (learning) {
    startLessonClock(p);
    showing(p, p.state.view.kind === 'lesson' && p.state.view.id && outline.lessonById[p.state.view.id] ? p.state.view.id : null);
    if (!wasAsked(storage) && storage.persistent) {
      // First start on this device: who is learning? (optional; "Skip" keeps anonymous use).
      // Not when the browser keeps nothing: a name would be forgotten with the page.
      openLearnerDialog(p, true, function (learner: Learner | null): void {
        if (learner) {
          switchLearner(p, learner);
          learnerChanged(p, built);
        }
      });
    }
  }
}

/** Printing a lesson shows its transcripts too (closed <details> would not print). */
function openTranscriptsForPrint(): void {
  var openedForPrint: HTMLDetailsElement[] = [];
  window.addEventListener('beforeprint', function (): void {
    var closed = document.querySelectorAll('details.transcript:not([open])');
    for (var i = 0; i < closed.length; i++) {
      var details = closed[i] as HTMLDetailsElement;
      details.open = true;
      openedForPrint.push(details);
    }
  });
  window.addEventListener('afterprint', function (): void {
    openedForPrint.forEach(function (d: HTMLDetailsElement): void {
      d.open = false;
    });
    openedForPrint = [];
  });
}

start();
