//! The editor's preview: markdown (saved or not) as the learner will see
//! it, through the one renderer ([`crate::render`]), with the course's media
//! at a URL the shell serves.

use crate::error::Result;
use crate::model::Lang;
use crate::package::course_file::media_path;
use crate::render::{render_markdown, RenderOptions, ResolvedMedia};
use crate::Library;

impl Library {
    /// Markdown (saved or not) of a course as the learner will see it,
    /// through the one renderer. Media become `<media_base><sha256>.<format>`
    /// (the shell serves those bytes); a name the course does not have shows
    /// as the renderer's placeholder.
    pub fn render_preview(
        &self,
        course_id: &str,
        markdown: &str,
        lang: Lang,
        media_base: &str,
    ) -> Result<String> {
        let media = self.list_media(course_id)?;
        let resolve = |name: &str| -> Option<ResolvedMedia> {
            let item = media.iter().find(|m| m.name.eq_ignore_ascii_case(name))?;
            Some(ResolvedMedia {
                url: media_path(&item.sha256, &item.format),
                kind: item.kind.into(),
            })
        };
        let html = render_markdown(markdown, &RenderOptions { lang, media: &resolve });
        // The renderer only hands out package-relative URLs; the sanitiser
        // lets through exactly those it handed out. Every `="media/` left in
        // the output is therefore one of ours (text has its quotes escaped).
        Ok(html.replace("=\"media/", &format!("=\"{media_base}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_maps_media_and_sanitises() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(dir.path()).unwrap();
        let course = library.list_courses().unwrap().remove(0);
        let html = library
            .render_preview(
                &course.id,
                "# Olá\n\n<script>x</script> ![v](media:nada.mp4) \"media/x\"",
                Lang::Pt,
                "juntos-media://localhost/",
            )
            .unwrap();
        assert!(html.contains("<h1>Olá</h1>"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("juntos-media://"), "no media of that name: {html}");
    }
}
