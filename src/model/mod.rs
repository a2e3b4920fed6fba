//! The data model: bilingual text, the course tree, quizzes and translation status.

mod course;
mod quiz;
mod status;
mod text;

pub use course::{
    is_valid_slug, slugify, Course, CourseChanges, CourseSummary, Lesson, LessonField, Module,
    NewCourse, DEFAULT_LICENCE,
};
pub use quiz::{Question, QuestionKind, Quiz, QuizOption, QuizProblem};
pub use status::{
    course_status, lesson_status, module_status, FieldStatus, MissingMedia, TranslationStatus,
};
pub use text::{text_hash, Bilingual, FieldState, Lang};
