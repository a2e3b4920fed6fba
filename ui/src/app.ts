// The app frame: top bar (home, interface language, settings), the current
// view (library or course editor), the footer, keyboard shortcuts, and the
// "never lose typing" close: when the window is closed, everything typed is
// saved first; a save that fails keeps the window open and says so.
import type { AppInfo, Course, CourseSummary, Lang } from "./bindings";
import { confirmDialog } from "./components/modal";
import { h } from "./dom";
import { language, onLanguageChange, setLanguage, t } from "./i18n";
import * as ipc from "./ipc";
import { Saver } from "./saver";
import { pick } from "./util";
import type { EditorView } from "./views/editor";
import { openExportDialog } from "./views/export";
import { openImportDialog } from "./views/import";
import { mountLibrary, type LibraryView } from "./views/library";
import { openSettings } from "./views/settings";
import { openStickDialog } from "./views/stick";
import logoUrl from "./assets/logo.svg";

type Route = { view: "library" } | { view: "course"; courseId: string; lessonId?: string };

export interface App {
  saver: Saver;
  show(route: Route): Promise<void>;
  /** Saves everything, then closes the window (or asks, when saving failed). */
  closeRequested(): Promise<void>;
}

export function mountApp(root: HTMLElement): App {
  const saver = new Saver();
  saver.flushOnLeave(window);
  let info: AppInfo | null = null;
  let route: Route = { view: "library" };
  let library: LibraryView | null = null;
  let editor: EditorView | null = null;
  const topbar = h("header", { class: "topbar" });
  const slot = h("div", { class: "view" });
  const footer = h("footer", { class: "footer" });
  const skip = h("a", { class: "skip-link", href: "#main" });
  root.replaceChildren(skip, topbar, slot, footer);

  function drawFrame() {
    skip.textContent = t("app.skip");
    const home = h(
      "button",
      { type: "button", class: "brand", id: "home", title: t("app.home") },
      h("img", { class: "brand-logo", src: logoUrl, alt: "", width: 36, height: 36 }),
      h("span", { class: "brand-text" }, h("span", { class: "brand-name" }, t("app.name")), h("span", { class: "brand-tagline" }, t("app.tagline"))),
    );
    home.addEventListener("click", async () => {
      await saver.flush();
      await show({ view: "library" });
    });
    const langButton = (lang: Lang) => {
      const button = h(
        "button",
        { type: "button", class: "lang-option", "data-lang": lang, lang, "aria-pressed": String(language() === lang), title: t(`lang.${lang}.name`) },
        t(`lang.${lang}`),
      );
      button.addEventListener("click", () => setLanguage(lang));
      return button;
    };
    const settings = h("button", { type: "button", class: "button button-quiet", id: "open-settings" }, t("settings.title"));
    settings.addEventListener("click", () => void openSettings(info));
    topbar.replaceChildren(
      home,
      h(
        "div",
        { class: "topbar-actions" },
        h("span", { class: "shortcuts muted small", title: t("app.shortcuts.long") }, t("app.shortcuts")),
        settings,
        h("div", { class: "lang-switch", role: "group", "aria-label": t("lang.switch") }, langButton("pt"), langButton("en")),
      ),
    );
    footer.replaceChildren(
      info ? h("span", {}, t("footer.version", { version: info.version })) : "",
      info ? h("span", { class: "footer-path" }, t("footer.library", { path: info.library_path })) : "",
    );
  }

  async function show(next: Route): Promise<void> {
    library?.destroy();
    editor?.destroy();
    library = null;
    editor = null;
    route = next;
    if (next.view === "library") {
      const holder = h("div", {});
      slot.replaceChildren(holder);
      library = mountLibrary(
        holder,
        {
          open: (courseId, lessonId) => void show({ view: "course", courseId, lessonId }),
          importPackage: () =>
            void openImportDialog(() => {
              void library?.refresh();
            }),
          exportCourse: (course: CourseSummary) => void openExportDialog(course.id, pick(course.title, language()).text).then(() => library?.refresh()),
          openStick: () => void openStickDialog(() => void library?.refresh()),
        },
        info,
      );
      await library.refresh();
    } else {
      // The editor (and CodeMirror) load on first use: the library opens without them.
      const { mountEditor } = await import("./views/editor");
      if (route !== next) return;
      editor = mountEditor(next.courseId, saver, info, {
        back: () => void show({ view: "library" }),
        exportCourse: (course: Course) => void openExportDialog(course.id, pick(course.title, language()).text),
      }, next.lessonId);
      slot.replaceChildren(editor.root);
    }
  }

  async function closeRequested(): Promise<void> {
    if (await saver.flush()) {
      await ipc.closeWindow();
      return;
    }
    const close = await confirmDialog(t("close.failed.title"), t("close.failed.body"), t("close.failed.confirm"), { danger: true });
    if (close) await ipc.closeWindow();
  }

  document.addEventListener("keydown", (event) => {
    const mod = event.ctrlKey || event.metaKey;
    if (!mod) return;
    if (event.key === "s" || event.key === "S") {
      event.preventDefault();
      void saver.flush();
    } else if ((event.key === "p" || event.key === "P") && editor) {
      event.preventDefault();
      editor.togglePreview();
    } else if ((event.key === "PageDown" || event.key === "PageUp") && editor) {
      event.preventDefault();
      editor.nextLesson(event.key === "PageDown" ? 1 : -1);
    }
  });

  onLanguageChange(async (lang) => {
    void ipc.setUiLanguage(lang).catch(() => undefined);
    drawFrame();
    if (editor && route.view === "course") {
      await saver.flush();
      await show({ ...route, lessonId: editor.currentLesson() });
    }
  });

  drawFrame();
  void ipc.setUiLanguage(language()).catch(() => undefined);
  void ipc.onCloseRequested(() => void closeRequested()).catch(() => undefined);
  const ready = ipc
    .appInfo()
    .then((i) => (info = i))
    .catch(() => null)
    .then(() => {
      drawFrame();
      return show({ view: "library" });
    });
  void ready;
  return { saver, show, closeRequested };
}
