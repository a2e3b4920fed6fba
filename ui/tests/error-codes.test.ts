// Every error the core can produce has the app's own sentence in both
// dictionaries, and no sentence the app shows gives command-line advice.
// The list of codes is generated from the Rust side (src/error.rs's test
// `the_ui_list_of_error_codes_is_current` writes ui/src/error-codes.json).
import { describe, expect, it } from "vitest";
import codes from "../src/error-codes.json";
import { en } from "../src/i18n/en";
import { pt } from "../src/i18n/pt";
import { describeError, setLanguage } from "../src/i18n";

const dictionaries = { pt, en } as Record<string, Record<string, string>>;

/** Words that belong to the command line: the `juntos` command, flags, the terminal. */
function commandLineAdvice(text: string): string | null {
  if (/(^|[^.\w])juntos /.test(text)) return "juntos ";
  if (text.includes("--")) return "--";
  if (/terminal/i.test(text)) return "terminal";
  return null;
}

describe("error sentences", () => {
  it("the generated list is the core's", () => {
    expect(codes.length).toBeGreaterThan(50);
    expect(codes).toContain("library_corrupt");
  });

  for (const [lang, dictionary] of Object.entries(dictionaries)) {
    it(`${lang} has a sentence for every code the core can produce`, () => {
      const missing = codes.filter((code) => !(`error.${code}` in dictionary));
      expect(missing).toEqual([]);
    });

    it(`${lang} never gives command-line advice`, () => {
      const found = Object.entries(dictionary)
        .filter(([, text]) => commandLineAdvice(text))
        .map(([key, text]) => `${key}: ${text}`);
      expect(found).toEqual([]);
    });
  }

  it("fills the error's fields into the sentence", () => {
    setLanguage("pt");
    const report = {
      code: "course_ambiguous",
      message_pt: "«educ» corresponde a vários cursos.",
      message_en: "'educ' matches several courses.",
      fields: { query: "educ", candidates: "educacao-civica, educacao-fisica" },
    };
    expect(describeError(report).title).toBe("«educ» corresponde a vários cursos: educacao-civica, educacao-fisica.");
    setLanguage("en");
    expect(describeError(report).title).toBe("'educ' matches several courses: educacao-civica, educacao-fisica.");
    setLanguage("pt");
  });
});
