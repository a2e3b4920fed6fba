// TEMPORARY mirror of the results types in src/results/mod.rs (helper
// results-core, not yet in ui/src/bindings.ts); replaced by the generated
// ../../bindings.ts types as soon as `cargo test -p juntos-studio --test
// bindings` writes them. Same names and fields, so the swap is the import.
export type ResultsText = { pt: string; en: string };
export type ResultsFilter = { group: string | null; from: string | null; to: string | null };
export type ImportedResultsFile = {
  path: string;
  course_id: string;
  course_title: ResultsText;
  course_revision: number;
  device_id: string;
  already_imported: boolean;
  learners: number;
  new_learners: number;
  attempts: number;
  new_attempts: number;
  skipped_deleted_learners: number;
};
export type ResultsImportReport = { files: Array<ImportedResultsFile>; new_learners: number; new_attempts: number };
export type ResultsLearner = {
  id: string;
  name: string | null;
  group: string | null;
  device_id: string;
  created_at: string;
  merged: Array<string>;
  lessons_completed: number;
  attempts: number;
  last_activity: string | null;
  same_name: Array<string>;
};
export type LessonCompletion = { lesson_id: string; title: ResultsText; is_quiz: boolean; opened: number; completed: number };
export type ModuleCompletion = { module_id: string; title: ResultsText; completed: number; lessons: Array<LessonCompletion> };
export type QuizResults = {
  lesson_id: string;
  title: ResultsText;
  pass_mark: number;
  attempts: number;
  takers: number;
  passed: number;
  pass_rate: number;
  score_histogram: Array<number>;
};
export type QuestionResults = {
  lesson_id: string;
  question_id: string;
  lesson_title: ResultsText | null;
  prompt: ResultsText | null;
  answered: number;
  right: number;
  right_share: number;
};
export type ResultsDashboard = {
  course_id: string;
  course_title: ResultsText;
  revision: number;
  file_revisions: Array<number>;
  filter: ResultsFilter;
  groups: Array<string>;
  first_day: string | null;
  last_day: string | null;
  learners: number;
  anonymous_learners: number;
  modules: Array<ModuleCompletion>;
  quizzes: Array<QuizResults>;
  pass_rate: number;
  quiz_takers: number;
  quiz_passes: number;
  score_histogram: Array<number>;
  questions: Array<QuestionResults>;
  removed_questions: Array<QuestionResults>;
  attempts_pt: number;
  attempts_en: number;
  total_seconds: number;
  median_seconds: number;
};
