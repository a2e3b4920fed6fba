/**
 * Task lists (`- [ ]` in a lesson's markdown). The core's renderer writes
 * them as `<input type="checkbox" disabled>` (its sanitiser forces
 * `disabled`), which a learner cannot tick and a screen reader announces
 * without a name. The player makes them real checkboxes, each inside a
 * `<label>` with its item's text, whose ticks the learner keeps (in
 * progress, per lesson and item position). In a handout they are empty
 * boxes to tick on paper.
 */

import { el } from './dom.js';

/** Which items of a lesson are ticked, by their position in the lesson. */
export type TaskTicks = { [position: string]: boolean };

/**
 * Turns the task checkboxes under `root` into labelled, enabled ones.
 * `ticks` gives their state; `onChange` is told each change (none in a
 * handout: `ticks` null).
 */
export function enhanceTasks(
  root: HTMLElement,
  ticks: TaskTicks | null,
  onChange: ((position: number, checked: boolean) => void) | null
): void {
  var boxes = root.querySelectorAll('li input[type="checkbox"]');
  for (var i = 0; i < boxes.length; i++) {
    labelTask(boxes[i] as HTMLInputElement, i, ticks, onChange);
  }
}

var BLOCKS: { [tag: string]: boolean } = { UL: true, OL: true, P: true, DIV: true, BLOCKQUOTE: true, PRE: true };

function labelTask(
  box: HTMLInputElement,
  position: number,
  ticks: TaskTicks | null,
  onChange: ((position: number, checked: boolean) => void) | null
): void {
  var parent = box.parentNode;
  if (!parent) {
    return;
  }
  box.disabled = false;
  box.removeAttribute('disabled');
  box.checked = !!(ticks && ticks[String(position)]);
  box.className = 'task-box';
  var label = el('label', { className: 'task' });
  parent.insertBefore(label, box);
  // The box and the item's text up to a nested list or paragraph.
  var node: Node | null = box;
  while (node && !(node.nodeType === 1 && BLOCKS[(node as Element).tagName])) {
    var next: Node | null = node.nextSibling;
    label.appendChild(node);
    node = next;
  }
  var li = label.parentNode as HTMLElement | null;
  while (li && li.tagName !== 'LI') {
    li = li.parentNode as HTMLElement | null;
  }
  if (li) {
    li.className = (li.className ? li.className + ' ' : '') + 'task-item';
  }
  if (onChange) {
    box.addEventListener('change', function (): void {
      onChange(position, box.checked);
    });
  }
}
