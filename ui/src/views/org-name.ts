// The organisation's name, asked where it is needed (the export dialog, the
// library on first start, Settings) and saved like everything else: as the
// person types (a short pause), when the field loses focus, and when the
// dialog around it closes. There is no Save button to forget, and the app
// never sends the person to the command line for it.
import type { ErrorReport, OrgIdentity } from "../bindings";
import { h } from "../dom";
import { describeError, t } from "../i18n";
import * as ipc from "../ipc";

export const ORG_SAVE_DELAY = 600;

export interface OrgNameField {
  root: HTMLElement;
  input: HTMLInputElement;
  /** Saves what is typed now, if anything changed; resolves when done. */
  flush(): Promise<void>;
}

/** A name the core accepts: at least one letter or digit. */
export const isOrgName = (name: string) => /[\p{L}\p{N}]/u.test(name);

export function orgNameField(initial: string, onSaved: (identity: OrgIdentity) => void = () => {}, id = "org-name"): OrgNameField {
  let saved = initial.trim();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const input = h("input", { type: "text", class: "input", id, value: initial, placeholder: t("settings.org.placeholder"), autocomplete: "organization" });
  const note = h("p", { class: "muted small org-name-note", "aria-live": "polite" });

  async function write(name: string) {
    try {
      const identity = await ipc.setOrgName(name);
      saved = identity.name;
      note.className = "small org-name-note notice-ok";
      note.textContent = t("settings.org.saved");
      onSaved(identity);
    } catch (error) {
      note.className = "small org-name-note form-error";
      note.textContent = describeError(error as ErrorReport).title;
    }
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    const name = input.value.trim();
    if (name === saved || !isOrgName(name)) return running;
    running = running.then(() => write(name));
    return running;
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    note.textContent = "";
    timer = setTimeout(() => void flush(), ORG_SAVE_DELAY);
  });
  input.addEventListener("blur", () => void flush());
  const root = h("div", { class: "org-name-field" }, input, note);
  return { root, input, flush };
}
