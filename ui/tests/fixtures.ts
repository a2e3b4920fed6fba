import type { AppInfo, CourseSummary, TranslationStatus } from "../src/bindings";

export const sample: CourseSummary = {
  id: "c1",
  slug: "apresentacoes-eficazes",
  revision: 3,
  source_lang: "pt",
  title: { pt: "Apresentações eficazes", en: "Effective presentations" },
  organisation: "Juntos",
  updated_at: "2026-11-28T05:30:00Z",
  module_count: 2,
  lesson_count: 5,
};

export const englishOnly: CourseSummary = {
  ...sample,
  id: "c2",
  slug: "budgeting",
  revision: 1,
  source_lang: "en",
  title: { pt: "", en: "Budgeting for small groups" },
  organisation: "",
  module_count: 1,
  lesson_count: 1,
};

export const status = (pt: number, en: number): TranslationStatus => ({
  source_lang: "pt",
  fields: [],
  pt_percent: pt,
  en_percent: en,
});

export const info: AppInfo = { version: "0.1.0", library_path: "/home/ana/.local/share/juntos-studio" };
