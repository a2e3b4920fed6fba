//! What an import changed, in terms a trainer recognises: modules, lessons
//! and media added, changed or removed, named by position and title.

use serde::{Deserialize, Serialize};

use super::course_file::PackageCourse;
use crate::model::{Bilingual, Course};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Changes {
    pub modules_added: Vec<String>,
    pub modules_changed: Vec<String>,
    pub modules_removed: Vec<String>,
    pub lessons_added: Vec<String>,
    pub lessons_changed: Vec<String>,
    pub lessons_removed: Vec<String>,
    pub media_added: Vec<String>,
    pub media_changed: Vec<String>,
    pub media_removed: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self == &Changes::default()
    }
}

fn title(text: &Bilingual, course: &Course) -> String {
    text.get_or_other(course.source_lang).to_string()
}

/// Differences from `before` (none for a new course) to `after`.
pub fn changes(before: Option<&PackageCourse>, after: &PackageCourse) -> Changes {
    let empty =
        PackageCourse { course: after.course.clone(), media: Vec::new(), sign_language: false };
    let mut empty_course = empty;
    empty_course.course.modules.clear();
    let before = before.unwrap_or(&empty_course);
    let (b, a) = (&before.course, &after.course);
    let mut out = Changes::default();

    for (m, module) in a.modules.iter().enumerate() {
        let label = format!("{} {}", m + 1, title(&module.title, a));
        match b.modules.iter().find(|x| x.id == module.id) {
            None => out.modules_added.push(label),
            Some(old) if old.title != module.title => out.modules_changed.push(label),
            Some(_) => {}
        }
        for (l, lesson) in module.lessons.iter().enumerate() {
            let label = format!("{}.{} {}", m + 1, l + 1, title(&lesson.title, a));
            let old = b
                .modules
                .iter()
                .find_map(|om| om.lessons.iter().find(|x| x.id == lesson.id).map(|x| (om, x)));
            match old {
                None => out.lessons_added.push(label),
                Some((om, ol)) if ol != lesson || om.id != module.id => {
                    out.lessons_changed.push(label)
                }
                Some(_) => {}
            }
        }
    }
    for (m, module) in b.modules.iter().enumerate() {
        if !a.modules.iter().any(|x| x.id == module.id) {
            out.modules_removed.push(format!("{} {}", m + 1, title(&module.title, b)));
        }
        for (l, lesson) in module.lessons.iter().enumerate() {
            if !a.lessons().any(|x| x.id == lesson.id) {
                out.lessons_removed.push(format!(
                    "{}.{} {}",
                    m + 1,
                    l + 1,
                    title(&lesson.title, b)
                ));
            }
        }
    }
    for media in &after.media {
        match before.media.iter().find(|x| x.name.eq_ignore_ascii_case(&media.name)) {
            None => out.media_added.push(media.name.clone()),
            Some(old) if old.sha256 != media.sha256 || old.captions != media.captions => {
                out.media_changed.push(media.name.clone())
            }
            Some(_) => {}
        }
    }
    for media in &before.media {
        if !after.media.iter().any(|x| x.name.eq_ignore_ascii_case(&media.name)) {
            out.media_removed.push(media.name.clone());
        }
    }
    out
}
