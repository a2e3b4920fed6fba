// Settings: interface language (Portuguese by default), the organisation's
// name and key fingerprint (what partners check before trusting our
// packages), the organisations we trust, and where the library is.
import type { AppInfo, ErrorReport, Lang } from "../bindings";
import { confirmDialog, openModal } from "../components/modal";
import { h } from "../dom";
import { formatDate, language, setLanguage, t } from "../i18n";
import * as ipc from "../ipc";
import { groupFingerprint } from "../util";
import { banner } from "./library";
import { orgNameField, type OrgNameField } from "./org-name";

export function openSettings(info: AppInfo | null): Promise<void> {
  // Closing (Fechar, Escape) saves a name still being typed.
  let orgField: OrgNameField | null = null;
  const modal = openModal(t("settings.title"), { wide: true, testId: "settings", onClose: () => void orgField?.flush() });
  const org = h("div", { class: "field", id: "settings-org" }, h("p", { class: "muted" }, t("library.loading")));
  const trusted = h("div", { class: "field" });
  const langChoice = (lang: Lang) => {
    const input = h("input", { type: "radio", name: "ui-lang", value: lang, checked: language() === lang, "data-lang": lang });
    input.addEventListener("change", () => {
      setLanguage(lang);
      modal.close();
      void openSettings(info);
    });
    return h("label", { class: "choice" }, input, t(`lang.${lang}.name`));
  };

  async function drawOrg() {
    try {
      const identity = await ipc.orgIdentity();
      orgField = orgNameField(identity.name);
      org.replaceChildren(
        h("label", { class: "label", for: "org-name" }, t("settings.org")),
        h("p", { class: "muted small" }, t("settings.org.hint")),
        orgField.root,
        h("span", { class: "label" }, t("settings.fingerprint")),
        h("code", { class: "fingerprint", id: "org-fingerprint" }, groupFingerprint(identity.fingerprint)),
        h("p", { class: "muted small" }, t("settings.fingerprint.hint")),
      );
    } catch (error) {
      org.replaceChildren(banner(error as ErrorReport));
    }
    try {
      const orgs = await ipc.trustedOrganisations();
      trusted.replaceChildren(
        h("span", { class: "label" }, t("settings.trusted")),
        orgs.length
          ? h(
              "ul",
              { class: "trusted" },
              ...orgs.map((o) => {
                const remove = h("button", { type: "button", class: "link-button link-danger", "data-action": "untrust", "data-fingerprint": o.fingerprint }, t("settings.trusted.remove"));
                remove.addEventListener("click", async () => {
                  if (!(await confirmDialog(t("settings.trusted.remove.title", { name: o.name }), t("settings.trusted.remove.body"), t("settings.trusted.remove"), { danger: true }))) return;
                  try {
                    await ipc.untrustOrganisation(o.fingerprint);
                  } catch (error) {
                    trusted.append(banner(error as ErrorReport));
                    return;
                  }
                  void drawOrg();
                });
                return h("li", { "data-fingerprint": o.fingerprint }, h("strong", {}, o.name), " ", h("code", { class: "fingerprint" }, groupFingerprint(o.fingerprint)), " ", h("span", { class: "muted small" }, formatDate(o.trusted_at)), " ", remove);
              }),
            )
          : h("p", { class: "muted small" }, t("settings.trusted.none")),
      );
    } catch {
      trusted.replaceChildren();
    }
  }
  void drawOrg();

  const close = h("button", { type: "button", class: "button button-primary" }, t("common.close"));
  close.addEventListener("click", () => modal.close());
  modal.body.append(
    h("fieldset", { class: "field" }, h("legend", { class: "label" }, t("lang.switch")), h("div", { class: "choices" }, langChoice("pt"), langChoice("en"))),
    org,
    trusted,
    h("div", { class: "field" }, h("span", { class: "label" }, t("settings.library")), h("code", { class: "path", id: "settings-library" }, info?.library_path ?? "—"), h("p", { class: "muted small" }, t("settings.library.hint"))),
    h("p", { class: "muted small" }, t("footer.version", { version: info?.version ?? "" })),
  );
  modal.actions.append(close);
  return modal.closed;
}
