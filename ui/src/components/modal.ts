// Modal dialogs drawn in the page (not native): a titled box over a dimmed
// page, focus moved inside, Escape closes, focus returns where it was.
import { h } from "../dom";
import { t } from "../i18n";

export interface Modal {
  root: HTMLElement;
  body: HTMLElement;
  actions: HTMLElement;
  close(): void;
  closed: Promise<void>;
}

export function openModal(title: string, options: { wide?: boolean; onClose?: () => void; testId?: string } = {}): Modal {
  const previous = document.activeElement as HTMLElement | null;
  const titleId = `modal-title-${Math.random().toString(36).slice(2)}`;
  const body = h("div", { class: "modal-body" });
  const actions = h("div", { class: "modal-actions" });
  const box = h(
    "div",
    {
      class: options.wide ? "modal modal-wide" : "modal",
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": titleId,
      "data-testid": options.testId,
    },
    h("h2", { class: "modal-title", id: titleId }, title),
    body,
    actions,
  );
  const root = h("div", { class: "modal-backdrop" }, box);
  let resolve: () => void = () => {};
  const closed = new Promise<void>((r) => (resolve = r));
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    root.remove();
    document.removeEventListener("keydown", onKey, true);
    options.onClose?.();
    previous?.focus?.();
    resolve();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };
  document.addEventListener("keydown", onKey, true);
  document.body.append(root);
  queueMicrotask(() => {
    const first = box.querySelector<HTMLElement>("input, textarea, select, button:not([disabled])");
    (first ?? box).focus();
  });
  return { root, body, actions, close, closed };
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
