//! A reason in both languages, for errors whose cause is found deep inside a
//! parser (which box of an MP4 is cut short, which caption line is wrong).

use serde::{Deserialize, Serialize};

use crate::model::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Why {
    pub pt: String,
    pub en: String,
}

impl Why {
    pub fn new(pt: impl Into<String>, en: impl Into<String>) -> Why {
        Why { pt: pt.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Pt => &self.pt,
            Lang::En => &self.en,
        }
    }
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}
