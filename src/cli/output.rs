//! How the CLI speaks: Portuguese unless the locale says English, human text
//! by default and JSON with `--json`.

use juntos::model::{Bilingual, FieldState, Lang};
use juntos::{Error, ErrorReport};
use serde::Serialize;

pub struct Out {
    pub lang: Lang,
    pub json: bool,
}

impl Out {
    pub fn new(json: bool) -> Out {
        Out { lang: locale_lang(), json }
    }

    /// Picks the Portuguese or English wording for the person's language.
    pub fn t<'a>(&self, pt: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Pt => pt,
            Lang::En => en,
        }
    }

    /// The text in the person's language, or the other one when it is empty.
    pub fn text<'a>(&self, text: &'a Bilingual) -> &'a str {
        text.get_or_other(self.lang)
    }

    pub fn state(&self, state: FieldState) -> &'static str {
        match state {
            FieldState::Complete => self.t("completo", "complete"),
            FieldState::Missing => self.t("em falta", "missing"),
            FieldState::Stale => self.t("desatualizado", "stale"),
        }
    }

    /// Prints `value` as JSON when asked, otherwise runs `human`.
    pub fn emit<T: Serialize>(&self, value: &T, human: impl FnOnce()) {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(text) => println!("{text}"),
                Err(e) => eprintln!("{e}"),
            }
        } else {
            human();
        }
    }

    pub fn error(&self, e: &Error) {
        if self.json {
            let report = ErrorReport::from(e);
            let body = serde_json::json!({ "error": { "code": report.code, "message": e.message(self.lang) } });
            eprintln!("{body}");
        } else {
            eprintln!("{} [{}]: {}", self.t("erro", "error"), e.code(), e.message(self.lang));
        }
    }
}

/// LC_ALL, then LC_MESSAGES, then LANG decide; Portuguese is the default.
fn locale_lang() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(value) = std::env::var(var) {
            if !value.is_empty() {
                return if Lang::parse(&value) == Some(Lang::En) { Lang::En } else { Lang::Pt };
            }
        }
    }
    Lang::Pt
}
