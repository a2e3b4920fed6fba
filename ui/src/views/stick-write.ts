// Writing courses to a stick (the "Pen USB" dialog's first side): the drive,
// the courses (all at first), the languages with the set's size for each,
// the pre-flight read again after every choice, then the write as a job
// (progress, cancel) and a verification of every byte right after it.
import type { CourseSummary, ErrorReport, Languages, StickPreflight } from "../bindings";
import { jobRow } from "../components/job";
import { h } from "../dom";
import { describeError, language, t } from "../i18n";
import * as ipc from "../ipc";
import { formatBytes, newId, pick } from "../util";
import { banner } from "./library";
import { orgNameField, type OrgNameField } from "./org-name";
import type { StickPane, StickPaneContext } from "./stick";
import { canWrite, preflightChecks, sizeOfChoice, verifySummary, writeSummary } from "./stick-logic";

export function mountWritePane(ctx: StickPaneContext, actions: HTMLElement): StickPane {
  const { locale } = ctx;
  let folder: string | null = null;
  let courses: CourseSummary[] = [];
  const chosen = new Set<string>();
  let languages: Languages = "both";
  let preflight: StickPreflight | null = null;
  let running = false;
  let asked = 0;

  const list = h("div", { class: "stick-courses", id: "stick-courses" });
  const all = h("input", { type: "checkbox", id: "stick-all", checked: true });
  const langs = h("div", { class: "choices" });
  const check = h("div", { class: "preflight", id: "stick-preflight", "aria-live": "polite" });
  const progress = h("div", { class: "job-area", id: "stick-job" });
  const start = h("button", { type: "button", class: "button button-primary", id: "stick-write", disabled: true }, t("stick.write"));
  const reason = h("span", { class: "action-reason small", id: "stick-reason", "aria-live": "polite" });
  // A stick is signed: with no organisation name yet, it is asked right here
  // (saved as it is typed, like Settings), as the export dialog does.
  const orgArea = h("div", { class: "field", id: "stick-org", hidden: true });
  let orgField: OrgNameField | null = null;
  let needOrg = false;
  function askOrgName() {
    if (orgField) return;
    orgField = orgNameField("", () => void runPreflight(), "stick-org-name");
    orgArea.replaceChildren(h("label", { class: "label", for: "stick-org-name" }, t("export.org")), h("p", { class: "muted small" }, t("export.org.hint")), orgField.root);
    orgArea.hidden = false;
  }

  /** What the shell's stick calls take: where, which courses (by id), which languages. */
  const options = (): { to: string; courses: string[]; languages: Languages } => ({ to: folder ?? "", courses: [...chosen], languages });

  function paintLanguages() {
    langs.replaceChildren(
      ...(["both", "pt", "en"] as Languages[]).map((value) => {
        const input = h("input", { type: "radio", name: "stick-langs", value, checked: value === languages });
        input.addEventListener("change", () => {
          languages = value;
          void runPreflight();
        });
        const size = sizeOfChoice(preflight, value, locale);
        return h("label", { class: "choice", "data-langs": value }, input, t(`stick.langs.${value}`), size ? h("span", { class: "muted small stick-size" }, ` (${size})`) : "");
      }),
    );
  }

  function paintCourses() {
    list.replaceChildren(
      ...courses.map((c) => {
        const box = h("input", { type: "checkbox", value: c.id, checked: chosen.has(c.id) });
        box.addEventListener("change", () => {
          if (box.checked) chosen.add(c.id);
          else chosen.delete(c.id);
          all.checked = chosen.size === courses.length;
          void runPreflight();
        });
        const title = pick(c.title, language());
        return h("label", { class: "choice", "data-course": c.id }, box, h("span", { lang: title.lang }, title.text || c.slug));
      }),
    );
  }
  all.addEventListener("change", () => {
    chosen.clear();
    if (all.checked) courses.forEach((c) => chosen.add(c.id));
    paintCourses();
    void runPreflight();
  });

  async function runPreflight() {
    paintStart();
    if (!folder) return;
    if (!chosen.size) {
      preflight = null;
      check.replaceChildren(h("p", { class: "notice notice-warn" }, t("stick.courses.none")));
      paintStart();
      return;
    }
    const mine = ++asked;
    check.replaceChildren(h("p", { class: "muted" }, t("stick.checking")));
    try {
      const o = options();
      const p = await ipc.stickPreflight(o.to, o.courses, o.languages);
      if (mine !== asked) return; // a later choice asked again
      preflight = p;
    } catch (error) {
      if (mine !== asked) return;
      preflight = null;
      const report = error as ErrorReport;
      // The shell refuses the pre-flight itself while the organisation has no name.
      needOrg = report.code === "org_name_missing";
      if (needOrg) askOrgName();
      check.replaceChildren(needOrg ? h("p", { class: "notice notice-warn", id: "stick-need-org", role: "status" }, t("stick.org.needed")) : banner(report));
      paintStart();
      return;
    }
    needOrg = false;
    paintLanguages();
    const p = preflight;
    const unnamed = p.problem?.code === "org_name_missing";
    if (unnamed) askOrgName();
    check.replaceChildren(
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, t("stick.folder")),
        h("dd", {}, h("code", { class: "path", id: "stick-root" }, p.root)),
        h("dt", {}, t("stick.set")),
        h("dd", { id: "stick-total" }, t("stick.set.value", { courses: String(p.courses.length), files: String(p.files), size: formatBytes(p.total_bytes, locale) })),
        h("dt", {}, t("stick.free")),
        h("dd", {}, p.available === null ? t("stick.free.unknown") : formatBytes(p.available, locale), p.fat32 ? h("span", { class: "tag tag-warn" }, "FAT32") : null),
      ),
      h(
        "ul",
        { class: "checks", id: "stick-checks" },
        ...preflightChecks(p, locale).map((c) => h("li", { class: c.ok ? "check-ok" : "check-no", "data-check": c.key }, c.ok ? "✓ " : "✗ ", t(c.key as never, c.values))),
      ),
      unnamed
        ? h("p", { class: "notice notice-warn", id: "stick-need-org", role: "status" }, t("stick.org.needed"))
        : p.problem
          ? banner(p.problem)
          : h("p", { class: "notice notice-ok", id: "stick-ok" }, t("stick.ok")),
    );
    paintStart();
  }

  function paintStart() {
    start.disabled = running || !canWrite(preflight) || !folder || !chosen.size;
    const problem = preflight?.problem;
    reason.textContent = running
      ? ""
      : !folder
        ? t("stick.reason.folder")
        : !chosen.size
          ? t("stick.courses.none")
          : needOrg || problem?.code === "org_name_missing"
            ? t("stick.org.needed")
            : problem
              ? describeError(problem).title
              : "";
  }

  start.addEventListener("click", async () => {
    if (!canWrite(preflight)) return;
    running = true;
    const job = newId("stick-");
    ctx.setJob(job);
    const row = jobRow(job, t("stick.writing"));
    progress.replaceChildren(row.row);
    paintStart();
    try {
      const o = options();
      const report = await ipc.writeStick(o.to, o.courses, o.languages, job, (x) => {
        row.update(x.done, x.total);
        row.label.textContent = `${t("stick.writing")} ${formatBytes(x.done, locale)}${x.total ? ` / ${formatBytes(x.total, locale)}` : ""}`;
      });
      const s = writeSummary(report, locale);
      const done = h("div", { class: "notice notice-ok", id: "stick-done", role: "status" }, h("p", {}, t(s.key as never, s.values)));
      progress.replaceChildren(done);
      // Then every byte read back against the signed manifest.
      const vjob = newId("stick-verify-");
      ctx.setJob(vjob);
      const vrow = jobRow(vjob, t("stick.verifying"));
      progress.append(vrow.row);
      const verified = await ipc.verifyStick(report.root, vjob, (x) => vrow.update(x.done, x.total));
      vrow.row.remove();
      const v = verifySummary(verified);
      progress.append(
        h(
          "div",
          { class: v.ok ? "notice notice-ok" : "banner banner-error", id: "stick-verified", role: "status" },
          h("p", {}, t(v.key as never, { files: String(verified.files) })),
          v.problems.length ? h("ul", {}, ...v.problems.map((p) => h("li", {}, h("code", {}, p)))) : "",
        ),
      );
      start.hidden = true;
    } catch (error) {
      const report = error as ErrorReport;
      progress.replaceChildren(report.code === "cancelled" ? h("p", { class: "notice", role: "status", id: "stick-cancelled" }, t("stick.cancelled")) : banner(report));
    } finally {
      running = false;
      ctx.setJob(null);
      paintStart();
      if (!start.hidden) void runPreflight();
    }
  });

  void ipc
    .listCourses()
    .then((found) => {
      courses = found;
      found.forEach((c) => chosen.add(c.id));
      paintCourses();
      void runPreflight();
    })
    .catch((error) => list.replaceChildren(banner(error as ErrorReport)));
  paintLanguages();
  actions.replaceChildren(reason, start);

  const root = h(
    "div",
    { class: "stick-write" },
    orgArea,
    ctx.picker("stick", (path) => {
      folder = path;
      void runPreflight();
    }),
    h("fieldset", { class: "field" }, h("legend", { class: "label" }, t("stick.courses")), h("label", { class: "choice", for: "stick-all" }, all, t("stick.courses.all")), list),
    h("fieldset", { class: "field" }, h("legend", { class: "label" }, t("stick.langs")), langs),
    check,
    progress,
  );
  return { root, flush: () => orgField?.flush() ?? Promise.resolve() };
}
