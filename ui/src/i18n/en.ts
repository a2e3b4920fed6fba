// English: the second interface language. Same keys as pt.ts.
import type { MessageKey } from "./pt";

export const en: Record<MessageKey, string> = {
  "app.name": "Juntos Studio",
  "app.tagline": "Bilingual courses for group training",

  "lang.switch": "Interface language",
  "lang.pt": "PT",
  "lang.en": "EN",
  "lang.pt.name": "Portuguese",
  "lang.en.name": "English",

  "library.heading": "Your courses",
  "library.intro": "Every course exists in Portuguese and in English. See how much is left to translate in each language.",
  "library.count.one": "{n} course",
  "library.count.other": "{n} courses",
  "library.loading": "Opening the library…",
  "library.refresh": "Refresh",
  "library.empty.title": "This library has no courses yet",
  "library.empty.body": "Create your first course from the command line, then press “Refresh”:",
  "library.empty.command": "juntos new course \"Course title\" --lang en",

  "course.untitled": "Untitled course",
  "course.onlyIn.pt": "Title only in Portuguese",
  "course.onlyIn.en": "Title only in English",
  "course.organisation.none": "No organisation given",
  "course.revision": "Revision {n}",
  "course.modules.one": "{n} module",
  "course.modules.other": "{n} modules",
  "course.lessons.one": "{n} lesson",
  "course.lessons.other": "{n} lessons",
  "course.updated": "Updated {date}",
  "course.translation": "Translation",
  "course.source": "original",
  "course.percent": "{percent}%",
  "course.status.unavailable": "Translation status unavailable",

  "footer.version": "Version {version}",
  "footer.library": "Library: {path}",

  "error.title": "Something went wrong",
  "error.retry": "Try again",
  "error.library_corrupt": "Cannot open the library: its database is damaged or is not a Juntos database.",
  "error.library_locked": "The library is open in another program.",
  "error.library_not_writable": "The library folder is not writable.",
  "error.library_too_new": "This library was made by a newer version of Juntos Studio.",
  "error.course_not_found": "This course is no longer in the library.",
  "error.io_error": "The disk did not respond as expected.",
  "error.database_error": "Internal database error. Nothing was changed.",
  "error.internal_error": "Internal error in Juntos Studio.",
  "error.ipc_failed": "The window could not reach Juntos Studio.",
};
