/**
 * The catalogue page of a Juntos USB stick (`Juntos/index.html`): the
 * stick's courses as cards, a search over their titles and lessons, a PT/EN
 * switch, and the learner's progress in each course as its player keeps it
 * in this browser. A small sibling of the player, built the same way and for
 * the same reasons (file://, no network, old browsers: one classic ES5
 * script; the data arrives as `window.JUNTOS_CATALOGUE` from
 * catalogue/data.js, written by the stick writer). See docs/stick-format.md.
 */

'use strict';

import { Lang } from '../../player/src/course-data.js';
import { clear, el } from '../../player/src/dom.js';
import { initialLanguage, languageKey } from '../../player/src/language.js';
import { KeyValueStore, openStorage } from '../../player/src/storage.js';
import { card, progressBlock } from './cards.js';
import { courseProgress, shownLearnerName } from './course-progress.js';
import { CatalogueCourse, CatalogueData } from './data.js';
import { CourseHit, makeIndex, search, SearchIndex } from './search.js';
import { choose } from './text.js';
import { LANG_NAMES, translate, WordKey, WordValues } from './words.js';

/** Where the catalogue's language is kept: the player's rule, with the catalogue as the "course". */
export var CATALOGUE_LANG_KEY = languageKey('catalogue', null);

interface Page {
  data: CatalogueData;
  languages: Lang[];
  storage: KeyValueStore;
  index: SearchIndex;
  lang: Lang;
  query: string;
  skip: HTMLElement;
  langGroup: HTMLElement;
  langButtons: { [lang: string]: HTMLElement };
  heading: HTMLElement;
  intro: HTMLElement;
  learner: HTMLElement;
  label: HTMLElement;
  hint: HTMLElement;
  input: HTMLInputElement;
  clearButton: HTMLElement;
  status: HTMLElement;
  list: HTMLElement;
  footer: HTMLElement;
}

function w(page: Page, key: WordKey, values?: WordValues): string {
  return translate(page.lang, key, values);
}

/** The query kept in the hash (`#q=…`), so that coming back from a course finds it again. */
function queryFromHash(): string {
  var m = /^#q=(.*)$/.exec(window.location.hash || '');
  if (!m) {
    return '';
  }
  try {
    return decodeURIComponent(m[1]);
  } catch (e) {
    return '';
  }
}

function keepQuery(query: string): void {
  try {
    window.history.replaceState(null, '', query ? '#q=' + encodeURIComponent(query) : window.location.pathname + window.location.search);
  } catch (e) {
    /* the search still works; a reload forgets it */
  }
}

/** Opening a course from its card: it opens in the language the catalogue shows, if it has it. */
function rememberLanguageFor(page: Page, course: CatalogueCourse): void {
  if ((course.languages || []).indexOf(page.lang) >= 0) {
    page.storage.set(languageKey(course.id, null), page.lang);
  }
}

/** The words of everything but the cards. */
function renderWords(page: Page): void {
  document.documentElement.setAttribute('lang', page.lang);
  document.title = w(page, 'pageTitle');
  page.skip.textContent = w(page, 'skip');
  page.langGroup.setAttribute('aria-label', w(page, 'language'));
  Object.keys(page.langButtons).forEach(function (lang: string): void {
    page.langButtons[lang].setAttribute('aria-pressed', lang === page.lang ? 'true' : 'false');
  });
  page.heading.textContent = w(page, 'heading');
  page.intro.textContent = w(page, 'intro');
  var name = shownLearnerName(page.storage);
  page.learner.textContent = name ? w(page, 'learner', { name: name }) : '';
  page.learner.hidden = !name;
  page.label.textContent = w(page, 'search');
  page.hint.textContent = w(page, 'searchHint');
  page.clearButton.textContent = w(page, 'clear');
  page.clearButton.setAttribute('title', w(page, 'clearLong'));
  var footer: string[] = [];
  if (page.data.app_version) {
    var date = String(page.data.written_at || '').slice(0, 10);
    footer.push(w(page, 'written', { version: page.data.app_version, date: date }));
  }
  if (!page.storage.persistent) {
    footer.push(w(page, 'noStorage'));
  }
  page.footer.textContent = footer.join(' ');
}

/** The cards of the courses found (all of them when not searching) and the count. */
function renderCards(page: Page): void {
  var hits = search(page.index, page.query, page.lang);
  clear(page.list);
  hits.forEach(function (hit: CourseHit): void {
    page.list.appendChild(
      card(hit, courseProgress(page.storage, hit.course), { lang: page.lang })
    );
  });
  var q = page.query.replace(/^\s+|\s+$/g, '');
  var status: string;
  if (!page.data.courses.length) {
    status = w(page, 'empty');
  } else if (!q) {
    status = w(page, 'coursesN', { n: hits.length });
  } else if (!hits.length) {
    status = w(page, 'noneFound', { q: q });
  } else {
    status = w(page, 'foundN', { n: hits.length, q: q });
  }
  if (page.status.textContent !== status) {
    page.status.textContent = status;
  }
  page.clearButton.hidden = !page.query;
}

/** The progress on every card read again, in place (focus and scroll stay where they are). */
function refreshProgress(page: Page): void {
  var w0 = function (key: WordKey, values?: WordValues): string {
    return w(page, key, values);
  };
  var byId: { [id: string]: CatalogueCourse } = {};
  page.index.courses.forEach(function (course: CatalogueCourse): void {
    byId[course.id] = course;
  });
  var cards = page.list.children;
  for (var i = 0; i < cards.length; i++) {
    var course = byId[cards[i].getAttribute('data-id') || ''];
    var shown = cards[i].querySelector('.progress');
    if (course && shown && shown.parentNode) {
      var title = choose(course.title, page.lang).text;
      shown.parentNode.replaceChild(progressBlock(course, title, courseProgress(page.storage, course), page.lang, w0), shown);
    }
  }
  var name = shownLearnerName(page.storage);
  page.learner.textContent = name ? w(page, 'learner', { name: name }) : '';
  page.learner.hidden = !name;
}

function render(page: Page): void {
  renderWords(page);
  renderCards(page);
}

function build(app: HTMLElement, data: CatalogueData, storage: KeyValueStore): Page {
  var languages: Lang[] = data.languages && data.languages.length ? data.languages : ['pt', 'en'];
  var lang = initialLanguage({ languages: languages, saved: storage.get(CATALOGUE_LANG_KEY), fromLms: null, sourceLang: languages[0] });
  var skip = el('a', { className: 'skip', href: '#main' });
  var langGroup = el('div', { className: 'langs', role: 'group' });
  var langButtons: { [lang: string]: HTMLElement } = {};
  var heading = el('h1');
  var intro = el('p', { className: 'intro' });
  var learner = el('p', { className: 'learner' });
  var label = el('label', { for: 'q' });
  var hint = el('p', { id: 'q-hint', className: 'hint' });
  var input = el('input', { id: 'q', type: 'search', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'q-hint' }) as HTMLInputElement;
  var clearButton = el('button', { type: 'button', className: 'clear' });
  var status = el('p', { className: 'status', role: 'status', 'aria-live': 'polite' });
  var list = el('ul', { className: 'cards', id: 'courses' });
  var footer = el('p');
  var main = el('main', { id: 'main', tabindex: '-1' }, [
    heading,
    intro,
    learner,
    el('form', { className: 'search', role: 'search' }, [label, el('div', { className: 'search-row' }, [input, clearButton]), hint]),
    status,
    list
  ]);
  var page: Page = {
    data: data,
    languages: languages,
    storage: storage,
    index: makeIndex(data.courses || []),
    lang: lang,
    query: queryFromHash(),
    skip: skip,
    langGroup: langGroup,
    langButtons: langButtons,
    heading: heading,
    intro: intro,
    learner: learner,
    label: label,
    hint: hint,
    input: input,
    clearButton: clearButton,
    status: status,
    list: list,
    footer: footer
  };
  if (languages.length > 1) {
    languages.forEach(function (l: Lang): void {
      var b = el('button', { type: 'button', className: 'tool lang', lang: l, 'data-lang': l, title: LANG_NAMES[l], text: l.toUpperCase() });
      b.setAttribute('aria-label', l.toUpperCase() + ', ' + LANG_NAMES[l]);
      b.addEventListener('click', function (): void {
        page.lang = l;
        storage.set(CATALOGUE_LANG_KEY, l);
        render(page);
      });
      langButtons[l] = b;
      langGroup.appendChild(b);
    });
  }
  skip.addEventListener('click', function (event: Event): void {
    event.preventDefault();
    main.focus();
  });
  // Any link that opens a course (the title, a lesson found, "Continue"):
  // the course opens in the language shown here.
  list.addEventListener('click', function (event: Event): void {
    var target = event.target as Element | null;
    while (target && target !== list && !(target.tagName === 'A' && target.getAttribute('data-open'))) {
      target = target.parentNode as Element | null;
    }
    if (target && target !== list) {
      var id = target.getAttribute('data-open');
      page.index.courses.forEach(function (course: CatalogueCourse): void {
        if (course.id === id) {
          rememberLanguageFor(page, course);
        }
      });
    }
  });
  input.value = page.query;
  input.addEventListener('input', function (): void {
    page.query = input.value;
    keepQuery(page.query);
    renderCards(page);
  });
  // Enter searches what is typed already; the form never goes anywhere.
  main.querySelector('form')!.addEventListener('submit', function (event: Event): void {
    event.preventDefault();
  });
  clearButton.addEventListener('click', function (): void {
    input.value = '';
    page.query = '';
    keepQuery('');
    renderCards(page);
    input.focus();
  });
  clear(app);
  app.appendChild(skip);
  app.appendChild(
    el('header', { className: 'topbar' }, [
      el('div', { className: 'topbar-inner' }, [el('span', { className: 'brand' }, [el('span', { className: 'brand-title' }, ['Juntos'])]), langGroup])
    ])
  );
  app.appendChild(main);
  app.appendChild(el('footer', { className: 'footer' }, [footer]));
  app.className = 'ready';
  return page;
}

function start(): void {
  var app = document.getElementById('app');
  if (!app) {
    return;
  }
  var data = window.JUNTOS_CATALOGUE;
  if (!data || !(data.courses instanceof Array)) {
    var missing = document.getElementById('no-data');
    if (missing) {
      missing.hidden = false;
    }
    return;
  }
  var page = build(app, data, openStorage());
  render(page);
  // Back from a course (the browser may show this page from its cache, as
  // it was) and progress made in another tab: read the progress again.
  window.addEventListener('pageshow', function (event: PageTransitionEvent): void {
    if (event.persisted) {
      refreshProgress(page);
    }
  });
  window.addEventListener('storage', function (): void {
    refreshProgress(page);
  });
}

start();
