/**
 * Building the page with DOM calls. Safety rule of the player: lesson,
 * summary and note HTML come from the core's renderer (src/render.rs),
 * already sanitised, and `setRendered` is the ONLY place that assigns
 * innerHTML. Everything else (titles, quizzes, captions, labels) goes in as
 * text nodes, through `el`.
 */

/** Attributes for `el`: `className`, `text` (textContent), `on<event>` listeners, the rest as attributes. */
export interface Attrs {
  [name: string]: string | number | boolean | null | undefined | EventListener;
}

/** A child for `el`: a node, a text, or nothing. */
export type Child = Node | string | null | undefined | false;

/** A new element; attributes that are null, undefined or false are left out, true is "". */
export function el(tag: string, attrs?: Attrs | null, children?: Child[]): HTMLElement {
  var node = document.createElement(tag);
  if (attrs) {
    var given = attrs;
    Object.keys(given).forEach(function (name: string): void {
      var value = given[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === 'className') {
        node.className = String(value);
      } else if (name === 'text') {
        node.textContent = String(value);
      } else if (name.indexOf('on') === 0) {
        node.addEventListener(name.slice(2), value as EventListener);
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    });
  }
  (children || []).forEach(function (child: Child): void {
    if (child === null || child === undefined || child === false) {
      return;
    }
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  });
  return node;
}

export function clear(node: Node): void {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
}

/** THE ONLY innerHTML in the player: `html` is the core renderer's sanitised output. */
export function setRendered(node: HTMLElement, html: string): void {
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

function onFragmentLink(this: Element, event: Event): void {
  var id = decodeURIComponent(String(this.getAttribute('href')).slice(1));
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

/** A progress bar (its width set through the CSSOM, which the CSP allows). */
export function bar(done: number, total: number, label: string): HTMLElement {
  var percent = total ? Math.round((done * 100) / total) : 0;
  var fill = el('span', { className: 'bar-fill' });
  fill.style.width = percent + '%';
  return el(
    'span',
    {
      className: 'bar',
      role: 'progressbar',
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': percent,
      'aria-label': label
    },
    [fill]
  );
}
