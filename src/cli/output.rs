//! How the CLI speaks: Portuguese unless the locale says English, human text
//! by default and JSON with `--json`.

use std::io::Write;

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

    /// `n` and its noun, agreeing in number: "1 ficheiro", "2 ficheiros".
    pub fn count(&self, n: usize, pt: (&str, &str), en: (&str, &str)) -> String {
        let (one, many) = match self.lang {
            Lang::Pt => pt,
            Lang::En => en,
        };
        format!("{n} {}", if n == 1 { one } else { many })
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
            let body = serde_json::json!({ "error": {
                "code": report.code,
                "message": self.message(e),
                "fields": report.fields,
            } });
            eprintln!("{body}");
        } else {
            eprintln!("{} [{}]: {}", self.t("erro", "error"), e.code(), self.message(e));
        }
    }

    /// The core's description, then what to type next when there is something.
    fn message(&self, e: &Error) -> String {
        let message = e.message(self.lang);
        match super::advice::advice(e, self.lang) {
            Some(advice) => format!("{message} {advice}"),
            None => message,
        }
    }
}

/// LC_ALL, then LC_MESSAGES, then LANG decide; Portuguese is the default.
pub fn locale_lang() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(value) = std::env::var(var) {
            if !value.is_empty() {
                return if Lang::parse(&value) == Some(Lang::En) { Lang::En } else { Lang::Pt };
            }
        }
    }
    Lang::Pt
}

/// Writes to standard output. When the reader has gone (`juntos … | head`
/// closed the pipe) the program ends quietly, as other Unix tools do: by the
/// same SIGPIPE they die of, with nothing on stderr. Other write errors are
/// said once on stderr, never a panic.
pub fn print_out(args: std::fmt::Arguments) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            reader_gone();
        }
        eprintln!("{e}");
        std::process::exit(2);
    }
}

#[cfg(unix)]
fn reader_gone() -> ! {
    // SAFETY: restoring the default action of SIGPIPE and raising it is what
    // a C program that never ignored it would do; nothing else runs after.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        libc::raise(libc::SIGPIPE);
    }
    std::process::exit(141)
}

#[cfg(not(unix))]
fn reader_gone() -> ! {
    std::process::exit(0)
}
