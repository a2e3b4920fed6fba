/**
 * The shape of `window.JUNTOS_COURSE`, which `src/player.rs` writes into
 * `player/course-data.js` on export (data format 2, see docs/player.md).
 * Only types: the data arrives as a global, never fetched (file:// forbids it).
 */

export type Lang = 'pt' | 'en';

/** A text in both languages; a language the package does not carry is "". */
export interface Texts {
  pt: string;
  en: string;
}

export type QuestionKind = 'single_choice' | 'multiple_choice' | 'true_false';

export interface OptionData {
  id: string;
  /** Plain text. */
  text: Texts;
  correct: boolean;
  feedback: Texts;
}

export interface QuestionData {
  id: string;
  kind: QuestionKind;
  /** Plain text. */
  prompt: Texts;
  feedback: Texts;
  options: OptionData[];
}

export interface QuizData {
  /** Percent, 0–100. */
  pass_mark: number;
  questions: QuestionData[];
}

export interface LessonData {
  id: string;
  /** Plain text. */
  title: Texts;
  minutes: number;
  /** Rendered, sanitised HTML (src/render.rs). */
  body: Texts;
  /** Rendered, sanitised HTML, shown in facilitator mode. */
  notes: Texts;
  quiz: QuizData | null;
}

export interface ModuleData {
  id: string;
  title: Texts;
  lessons: LessonData[];
}

/**
 * One caption cue, as the core's WebVTT parser (src/media/captions/) read
 * it: times in milliseconds, the WebVTT cue settings ("align:start line:0")
 * and the cue text with its WebVTT markup (`<i>`, `<v Name>`).
 */
export interface CueData {
  start_ms: number;
  end_ms: number;
  settings: string;
  text: string;
}

export interface MediaData {
  name: string;
  kind: 'video' | 'audio' | 'image';
  mime: string;
  /** The cues per language. */
  captions: { [lang: string]: CueData[] };
  /**
   * A prepared video's poster frame, by package path
   * (`media/<sha256>.jpeg`), for `<video poster>`; absent otherwise.
   */
  poster?: string;
  /**
   * Sign-language interpreter per language (src/media/sign/): a video by
   * package path, at video time + offset_ms; absent when none (player/src/sign.ts).
   */
  interpreter?: { [lang: string]: InterpreterData };
}

/** A sign-language interpreter video and its offset. */
export interface InterpreterData {
  src: string;
  offset_ms: number;
}

export interface CourseData {
  format: number;
  id: string;
  revision: number;
  slug: string;
  source_lang: Lang;
  /** What the package carries; one entry means no language switch. */
  languages: Lang[];
  /** Plain text. */
  title: Texts;
  /** Rendered HTML. */
  summary: Texts;
  organisation: string;
  licence: string;
  /** Each topic in both languages (a plain string in course data made before issue 16). */
  topics: Array<Texts | string>;
  modules: ModuleData[];
  /** By the path the rendered HTML uses as `src` (`media/<sha256>.<format>`). */
  media: { [path: string]: MediaData };
}

declare global {
  interface Window {
    JUNTOS_COURSE?: CourseData;
  }
}
