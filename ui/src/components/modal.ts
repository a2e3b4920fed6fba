// Modal dialogs as native `<dialog>` elements opened with `showModal()`
// (issue #16): the browser traps the focus inside, makes the page behind
// inert for the mouse, the keyboard and screen readers, and draws the box in
// the top layer over any other modal. Escape closes (through our `close`, so
// `onClose` runs) and the focus returns where it was.
import { h } from "../dom";
import { t } from "../i18n";

export interface Modal {
  root: HTMLElement;
  body: HTMLElement;
  actions: HTMLElement;
  close(): void;
  closed: Promise<void>;
}

/**
 * Opens `dialog` as a modal. WebKitGTK, Chromium and Firefox have
 * `showModal`; jsdom (the unit tests) does not, and there the dialog is only
 * marked open, which is all those tests look at.
 */
function showModal(dialog: HTMLDialogElement): void {
  if (typeof dialog.showModal === "function") dialog.showModal();
  else dialog.setAttribute("open", "");
}

export function openModal(title: string, options: { wide?: boolean; onClose?: () => void; testId?: string } = {}): Modal {
  const previous = document.activeElement as HTMLElement | null;
  const titleId = `modal-title-${Math.random().toString(36).slice(2)}`;
  const body = h("div", { class: "modal-body" });
  const actions = h("div", { class: "modal-actions" });
  const dialog = h(
    "dialog",
    {
      class: options.wide ? "modal modal-wide" : "modal",
      "aria-labelledby": titleId,
      "data-testid": options.testId,
    },
    h("h2", { class: "modal-title", id: titleId }, title),
    body,
    actions,
  ) as HTMLDialogElement;
  let resolve: () => void = () => {};
  const closed = new Promise<void>((r) => (resolve = r));
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    if (typeof dialog.close === "function" && dialog.open) dialog.close();
    dialog.remove();
    document.removeEventListener("keydown", onKey, true);
    options.onClose?.();
    previous?.focus?.();
    resolve();
  };
  // Escape closes the topmost modal only (a confirmation over a dialog
  // closes first), through `close` so onClose runs; the browser's own
  // `cancel` would close the dialog behind our back, so it comes here too.
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    const modals = document.querySelectorAll("dialog.modal[open]");
    if (modals[modals.length - 1] !== dialog) return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    close();
  });
  document.addEventListener("keydown", onKey, true);
  document.body.append(dialog);
  showModal(dialog);
  queueMicrotask(() => {
    const first = dialog.querySelector<HTMLElement>("input, textarea, select, button:not([disabled])");
    (first ?? dialog).focus();
  });
  return { root: dialog, body, actions, close, closed };
}

/** Asks a question; resolves true when the person chose `confirm`. */
export function confirmDialog(
  title: string,
  message: string,
  confirm: string,
  options: { danger?: boolean } = {},
): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = false;
    const modal = openModal(title, { onClose: () => resolve(answer), testId: "confirm" });
    modal.body.append(h("p", {}, message));
    const no = h("button", { type: "button", class: "button" }, t("common.cancel"));
    const yes = h(
      "button",
      { type: "button", class: options.danger ? "button button-danger" : "button button-primary", "data-action": "confirm" },
      confirm,
    );
    no.addEventListener("click", () => modal.close());
    yes.addEventListener("click", () => {
      answer = true;
      modal.close();
    });
    modal.actions.append(no, yes);
  });
}

/** Asks for one line of text; resolves null when cancelled. */
export function promptDialog(title: string, label: string, initial = "", confirm = t("common.ok")): Promise<string | null> {
  return new Promise((resolve) => {
    let answer: string | null = null;
    const modal = openModal(title, { onClose: () => resolve(answer), testId: "prompt" });
    const input = h("input", { type: "text", class: "input", value: initial, "aria-label": label });
    const form = h("form", { class: "field" }, h("label", { class: "label" }, label), input);
    const no = h("button", { type: "button", class: "button" }, t("common.cancel"));
    const yes = h("button", { type: "submit", class: "button button-primary", "data-action": "confirm" }, confirm);
    form.append(h("div", { class: "modal-actions" }, no, yes));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!input.value.trim()) {
        input.focus();
        return;
      }
      answer = input.value.trim();
      modal.close();
    });
    no.addEventListener("click", () => modal.close());
    modal.body.append(form);
    modal.actions.remove();
  });
}

/**
 * Scrolls a dialog's body just enough to show `element` (a job's progress
 * and Cancelar, the outcome): on a 1366×768 or 1280×720 screen the body
 * scrolls inside the dialog, and what a person must see next may be below it.
 */
export function reveal(element: Element): void {
  element.scrollIntoView?.({ block: "nearest" });
}
