//! Finding a course, module or lesson from what a person typed.
//!
//! People name things the way they see them: a slug, the start of an id, a
//! position such as `2.1`, or a title. Every rule returns exactly one match
//! or an error that lists the candidates, never a guess.

use crate::error::{Error, Result};
use crate::model::{Bilingual, Course};

/// Shortest id prefix accepted, so that `a` does not silently pick a course.
const MIN_PREFIX: usize = 4;

/// `keys` are `(id, slug)` pairs. Exact id, then exact slug, then a unique id prefix.
pub fn course_id(keys: &[(String, String)], query: &str) -> Result<String> {
    let query = query.trim();
    if let Some((id, _)) = keys.iter().find(|(id, slug)| id == query || slug == query) {
        return Ok(id.clone());
    }
    let matches: Vec<&(String, String)> = if query.len() >= MIN_PREFIX {
        keys.iter().filter(|(id, _)| id.starts_with(query)).collect()
    } else {
        Vec::new()
    };
    match matches.as_slice() {
        [(id, _)] => Ok(id.clone()),
        [] => Err(Error::CourseNotFound { query: query.to_string() }),
        many => Err(Error::CourseAmbiguous {
            query: query.to_string(),
            candidates: many.iter().map(|(id, slug)| format!("{slug} ({})", &id[..8])).collect(),
        }),
    }
}

fn title_matches(title: &Bilingual, query: &str) -> bool {
    let q = query.to_lowercase();
    title.pt.trim().to_lowercase() == q || title.en.trim().to_lowercase() == q
}

/// Index of a module: its number (1-based), id, unique id prefix or title.
pub fn module_index(course: &Course, query: &str) -> Result<usize> {
    let query = query.trim();
    let not_found = || Error::ModuleNotFound { query: query.to_string() };
    if let Ok(n) = query.parse::<usize>() {
        return if n >= 1 && n <= course.modules.len() { Ok(n - 1) } else { Err(not_found()) };
    }
    let found: Vec<usize> = pick(course.modules.iter().map(|m| (&m.id, &m.title)).collect(), query);
    match found.as_slice() {
        [i] => Ok(*i),
        [] => Err(not_found()),
        many => Err(Error::ModuleAmbiguous {
            query: query.to_string(),
            candidates: many.iter().map(|i| (i + 1).to_string()).collect(),
        }),
    }
}

/// `(module index, lesson index)` of a lesson: `M.L` position, id, unique id prefix or title.
pub fn lesson_index(course: &Course, query: &str) -> Result<(usize, usize)> {
    let query = query.trim();
    let not_found = || Error::LessonNotFound { query: query.to_string() };
    if let Some((m, l)) = query.split_once('.') {
        if let (Ok(m), Ok(l)) = (m.parse::<usize>(), l.parse::<usize>()) {
            let module = course.modules.get(m.wrapping_sub(1)).ok_or_else(not_found)?;
            return if l >= 1 && l <= module.lessons.len() {
                Ok((m - 1, l - 1))
            } else {
                Err(not_found())
            };
        }
    }
    let positions: Vec<(usize, usize)> = course
        .modules
        .iter()
        .enumerate()
        .flat_map(|(m, module)| (0..module.lessons.len()).map(move |l| (m, l)))
        .collect();
    let found = pick(
        positions
            .iter()
            .map(|&(m, l)| {
                let lesson = &course.modules[m].lessons[l];
                (&lesson.id, &lesson.title)
            })
            .collect(),
        query,
    );
    match found.as_slice() {
        [i] => Ok(positions[*i]),
        [] => Err(not_found()),
        many => Err(Error::LessonAmbiguous {
            query: query.to_string(),
            candidates: many
                .iter()
                .map(|i| format!("{}.{}", positions[*i].0 + 1, positions[*i].1 + 1))
                .collect(),
        }),
    }
}

/// Exact id wins; then a unique id prefix; then titles (case-insensitive, either language).
fn pick(items: Vec<(&String, &Bilingual)>, query: &str) -> Vec<usize> {
    if let Some(i) = items.iter().position(|(id, _)| *id == query) {
        return vec![i];
    }
    if query.len() >= MIN_PREFIX {
        let by_prefix: Vec<usize> =
            (0..items.len()).filter(|&i| items[i].0.starts_with(query)).collect();
        if !by_prefix.is_empty() {
            return by_prefix;
        }
    }
    (0..items.len()).filter(|&i| title_matches(items[i].1, query)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_by_slug_id_and_prefix() {
        let keys = vec![
            ("abcd1234-0000".to_string(), "um".to_string()),
            ("abcd9999-0000".to_string(), "dois".to_string()),
        ];
        assert_eq!(course_id(&keys, "dois").unwrap(), "abcd9999-0000");
        assert_eq!(course_id(&keys, "abcd1").unwrap(), "abcd1234-0000");
        assert_eq!(course_id(&keys, "abcd").unwrap_err().code(), "course_ambiguous");
        assert_eq!(course_id(&keys, "abc").unwrap_err().code(), "course_not_found");
        assert_eq!(course_id(&keys, "tres").unwrap_err().code(), "course_not_found");
    }
}
