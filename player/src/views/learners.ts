/**
 * Who is learning, on the page (issue 17): the dialog that asks on first
 * start (optional: "Skip" keeps today's anonymous use) and that "Someone
 * else" opens to switch (the learners already known on this device, or a
 * new one), and the footer's bar with the current learner and the buttons
 * that save results files. The dialog is a real form with labels; opening
 * it moves focus into it and makes the page behind it inert (and Tab wraps
 * inside it, for browsers without `inert`); Escape skips or cancels;
 * closing returns focus to where it was.
 */

import { Player, t } from '../context.js';
import { el } from '../dom.js';
import { addLearner, anonymousLearner, Learner, markAsked, namedLearners } from '../learners.js';

/** The dialog's outcome: a learner chosen or made, or null (skipped, cancelled). */
export type Chosen = (learner: Learner | null) => void;

/** A learner as a label: "Ana · CSO X", or "No name". */
export function learnerLabel(p: Player, learner: Learner): string {
  return learner.name === null ? t(p, 'whoAnonymous') : learner.name + (learner.group ? ' · ' + learner.group : '');
}

/**
 * Opens the dialog; `first` on first start (its way out is "Skip", and it
 * is not asked again on this device), else to switch ("Cancel").
 */
export function openLearnerDialog(p: Player, first: boolean, done: Chosen): void {
  var app = document.getElementById('app');
  var returnTo = document.activeElement as HTMLElement | null;
  var known = namedLearners(p.storage);
  var current = p.learning ? p.learning.learner.id : null;
  var nameInput = el('input', { id: 'learner-name', name: 'name', type: 'text', autocomplete: 'off', maxlength: 80 }) as HTMLInputElement;
  var groupInput = el('input', {
    id: 'learner-group',
    name: 'group',
    type: 'text',
    autocomplete: 'off',
    maxlength: 80,
    'aria-describedby': 'learner-group-hint'
  }) as HTMLInputElement;
  var error = el('p', { id: 'learner-error', className: 'field-error', hidden: true });
  var outWord = t(p, first ? 'whoSkip' : 'whoCancel');
  var out = el('button', { type: 'button', className: 'btn learner-out', text: outWord });
  var form = el('form', { className: 'learner-form', novalidate: true, 'aria-labelledby': 'learner-new' }, [
    el('h3', { id: 'learner-new', text: t(p, 'whoNew') }),
    el('p', { className: 'field' }, [el('label', { for: 'learner-name', text: t(p, 'whoName') }), nameInput]),
    error,
    el('p', { className: 'field' }, [
      el('label', { for: 'learner-group', text: t(p, 'whoGroup') }),
      groupInput,
      el('span', { id: 'learner-group-hint', className: 'hint', text: t(p, 'whoGroupHint') })
    ]),
    el('p', { className: 'actions' }, [el('button', { type: 'submit', className: 'btn primary learner-start', text: t(p, 'whoStart') }), out])
  ]);
  var list: HTMLElement | null = null;
  var choices: Learner[] = known.slice();
  if (!first) {
    choices.push(anonymousLearner(p.storage));
  }
  if (choices.length) {
    list = el('ul', { className: 'learner-list', 'aria-labelledby': 'learner-known' });
    choices.forEach(function (learner: Learner): void {
      var b = el('button', { type: 'button', className: 'btn learner-choice', 'data-learner': learner.id, text: learnerLabel(p, learner) });
      if (learner.id === current) {
        b.setAttribute('aria-current', 'true');
      }
      b.addEventListener('click', function (): void {
        close(learner);
      });
      (list as HTMLElement).appendChild(el('li', null, [b]));
    });
  }
  var dialog = el(
    'div',
    { className: 'dialog learner-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'learner-title', 'aria-describedby': 'learner-intro' },
    [
      el('h2', { id: 'learner-title', text: t(p, 'whoTitle') }),
      el('p', { id: 'learner-intro', text: t(p, 'whoIntro') }),
      list ? el('h3', { id: 'learner-known', text: t(p, 'whoKnown') }) : null,
      list,
      form
    ]
  );
  dialog.setAttribute('lang', p.state.lang);
  var backdrop = el('div', { className: 'dialog-backdrop' }, [dialog]);

  function onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' || event.key === 'Esc') {
      event.preventDefault();
      close(null);
    } else if (event.key === 'Tab') {
      // Tab stays in the dialog, also in browsers without `inert`.
      var stops = dialog.querySelectorAll('button, input');
      var firstStop = stops[0] as HTMLElement;
      var lastStop = stops[stops.length - 1] as HTMLElement;
      var active = document.activeElement;
      if (event.shiftKey && (active === firstStop || !dialog.contains(active))) {
        event.preventDefault();
        lastStop.focus();
      } else if (!event.shiftKey && (active === lastStop || !dialog.contains(active))) {
        event.preventDefault();
        firstStop.focus();
      }
    }
  }
  function close(learner: Learner | null): void {
    document.removeEventListener('keydown', onKey, true);
    if (backdrop.parentNode) {
      backdrop.parentNode.removeChild(backdrop);
    }
    if (app) {
      app.removeAttribute('inert');
      app.removeAttribute('aria-hidden');
    }
    if (first) {
      markAsked(p.storage);
    }
    done(learner);
    // Back to where the learner was (after `done` re-rendered, if the element is still there).
    var target = returnTo && document.body.contains(returnTo) && returnTo !== document.body ? returnTo : null;
    if (target) {
      target.focus();
    } else {
      var heading = document.querySelector('main h1') as HTMLElement | null;
      if (heading) {
        if (!heading.hasAttribute('tabindex')) {
          heading.setAttribute('tabindex', '-1');
        }
        heading.focus();
      }
    }
  }
  form.addEventListener('submit', function (event: Event): void {
    event.preventDefault();
    var learner = addLearner(p.storage, nameInput.value, groupInput.value);
    if (!learner) {
      error.textContent = t(p, 'whoNameNeeded', { skip: outWord });
      error.hidden = false;
      nameInput.setAttribute('aria-invalid', 'true');
      nameInput.setAttribute('aria-describedby', 'learner-error');
      nameInput.focus();
      return;
    }
    close(learner);
  });
  out.addEventListener('click', function (): void {
    close(null);
  });
  document.addEventListener('keydown', onKey, true);
  if (app) {
    // The page behind is out of reach (inert) and out of the accessibility tree while the dialog is open.
    app.setAttribute('inert', '');
    app.setAttribute('aria-hidden', 'true');
  }
  document.body.appendChild(backdrop);
  nameInput.focus();
}

/** What the footer's buttons do. */
export interface LearnerActions {
  someoneElse(button: HTMLElement): void;
  save(scope: 'learner' | 'device'): void;
}

/**
 * The footer's bar: the current learner, "Someone else", "Save my results",
 * and in facilitator mode "Collect this computer's results" (only where a
 * download can work: `downloads`). `status` says what was saved.
 */
export function learnerBar(p: Player, downloads: boolean, actions: LearnerActions, status: HTMLElement): HTMLElement | null {
  var learning = p.learning;
  if (!learning) {
    return null;
  }
  var other = el('button', { type: 'button', className: 'btn learner-switch', text: t(p, 'someoneElse') });
  other.addEventListener('click', function (): void {
    actions.someoneElse(other);
  });
  var buttons: HTMLElement[] = [other];
  if (downloads) {
    var mine = el('button', { type: 'button', className: 'btn save-mine', text: t(p, 'saveMine') });
    mine.addEventListener('click', function (): void {
      actions.save('learner');
    });
    buttons.push(mine);
    if (p.state.facilitator) {
      var all = el('button', { type: 'button', className: 'btn collect-all', text: t(p, 'collectAll') });
      all.addEventListener('click', function (): void {
        actions.save('device');
      });
      buttons.push(all);
    }
  }
  return el('section', { className: 'learner-bar', 'aria-label': t(p, 'whoTitle') }, [
    el('p', { className: 'learner-now', text: t(p, 'learnerNow', { name: learnerLabel(p, learning.learner) }) }),
    el('p', { className: 'actions' }, buttons),
    status
  ]);
}
