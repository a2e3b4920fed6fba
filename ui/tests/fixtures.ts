import type { AppInfo, Course, CourseSummary, Lesson, TranslationStatus } from "../src/bindings";

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

export const info: AppInfo = {
  version: "0.1.0",
  library_path: "/home/ana/.local/share/juntos-studio",
  media_base: "juntos-media://localhost/",
};

export const lesson = (id: string, pt: string, en: string): Lesson => ({
  id,
  title: { pt, en },
  body: { pt: `# ${pt}`, en: `# ${en}` },
  notes: { pt: "", en: "" },
  minutes: 10,
});

export const course: Course = {
  id: "c1",
  slug: "apresentacoes-eficazes",
  revision: 3,
  source_lang: "pt",
  title: { pt: "Apresentações eficazes", en: "Effective presentations" },
  summary: { pt: "", en: "" },
  organisation: "Juntos",
  licence: "CC BY-SA 4.0",
  topics: [],
  created_at: "2026-11-28T05:30:00Z",
  updated_at: "2026-11-28T05:30:00Z",
  modules: [
    { id: "m1", title: { pt: "Preparar", en: "Prepare" }, lessons: [lesson("l1", "Objetivo", "Goal"), lesson("l2", "Público", "Audience")] },
    { id: "m2", title: { pt: "Falar", en: "Speak" }, lessons: [lesson("l3", "Voz", "Voice")] },
  ],
};

/** Lets pending promises and zero-delay timers run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}
