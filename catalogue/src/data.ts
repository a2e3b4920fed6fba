/**
 * The shape of `window.JUNTOS_CATALOGUE`, which the stick writer puts into
 * `Juntos/catalogue/data.js` (format 1, see docs/stick-format.md). Only
 * types: the data arrives as a global, never fetched (file:// forbids it).
 */

import { Lang, Texts } from '../../player/src/course-data.js';

/** A lesson's words, for searching: plain text in each language. */
export interface LessonSearch {
  lesson: string;
  title: Texts;
  text: Texts;
}

export interface CatalogueCourse {
  id: string;
  revision: number;
  slug: string;
  /** The course's page, relative to `Juntos/index.html`. */
  href: string;
  title: Texts;
  /** Plain text. */
  summary: Texts;
  organisation: string;
  minutes: number;
  /** What the stick carries of this course. */
  languages: Lang[];
  /** Percent translated, per language (model/status.rs). */
  completeness: { [lang: string]: number };
  /** `media/<sha256>.<ext>`, relative to `Juntos/index.html`, or null. */
  cover: string | null;
  /** Every lesson of the course, to count progress. */
  lesson_ids: string[];
  search: LessonSearch[];
}

export interface CatalogueData {
  format: number;
  written_at: string;
  app_version: string;
  /** What the stick was written with. */
  languages: Lang[];
  organisations: string[];
  courses: CatalogueCourse[];
}

declare global {
  interface Window {
    JUNTOS_CATALOGUE?: CatalogueData;
  }
}
