-- Issue 17: learners' results, brought back from the player in
-- `*.juntos-results` files (docs/results-format.md) and merged here.
--
-- Results are kept per course id, not tied to the courses table by a
-- foreign key: a course in the bin, or one that an import replaced by
-- another revision, keeps its results (they are mapped to the current
-- lessons and questions by id when shown). Learners are per course: the
-- same learner id in two courses' files is two rows, so merging and
-- deleting a learner of one course never touches another course.

-- One browser profile that produced files (a random id made by the player).
CREATE TABLE results_devices (
    id          TEXT PRIMARY KEY CHECK (length(id) = 32),
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL
) STRICT;

-- A learner as the player knew them. `merged_into` names the learner of the
-- same course the trainer merged this one into: every figure counts them as
-- that learner, and a later file naming this id still lands there.
CREATE TABLE results_learners (
    course_id    TEXT NOT NULL,
    id           TEXT NOT NULL CHECK (length(id) = 32),
    device_id    TEXT NOT NULL REFERENCES results_devices(id),
    name         TEXT,
    grp          TEXT,
    created_at   TEXT NOT NULL,
    -- `saved_at` of the newest file that named this learner (its name and
    -- group are the ones of that file).
    seen_at      TEXT NOT NULL,
    merged_into  TEXT,
    PRIMARY KEY (course_id, id)
) STRICT;

CREATE INDEX results_learners_merged ON results_learners(course_id, merged_into);

-- A learner deleted on request: later files that still carry them are not
-- allowed to bring them back (only the random id is kept, no name).
CREATE TABLE results_deleted_learners (
    course_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    deleted_at  TEXT NOT NULL,
    PRIMARY KEY (course_id, id)
) STRICT;

-- Time in and completion of one lesson by one learner, merged over files:
-- earliest opening, earliest completion, largest time (the player's count
-- only grows).
CREATE TABLE results_lessons (
    course_id     TEXT NOT NULL,
    learner_id    TEXT NOT NULL,
    lesson_id     TEXT NOT NULL,
    opened_at     TEXT NOT NULL,
    completed_at  TEXT,
    seconds       INTEGER NOT NULL CHECK (seconds >= 0),
    PRIMARY KEY (course_id, learner_id, lesson_id),
    FOREIGN KEY (course_id, learner_id) REFERENCES results_learners(course_id, id)
        ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- The questions ever answered in a course's files, numbered so that an
-- attempt's answers pack into a few bytes each (see `marks`).
CREATE TABLE results_questions (
    course_id    TEXT NOT NULL,
    number       INTEGER NOT NULL,
    lesson_id    TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    PRIMARY KEY (course_id, number),
    UNIQUE (course_id, lesson_id, question_id)
) STRICT;

-- One quiz attempt. `answers` is the attempt's answers as JSON
-- ([{question, chosen, correct}], as in the file); `marks` packs the same
-- answers as 5 bytes each (question number, u32 little endian; 1 = right,
-- 0 = wrong) so the dashboard reads 100,000 attempts without parsing JSON.
-- `content_sha256` is the hash of the attempt as read, to tell the same
-- attempt saved in two files from a different one with the same id.
CREATE TABLE results_attempts (
    course_id        TEXT NOT NULL,
    id               TEXT NOT NULL CHECK (length(id) = 32),
    learner_id       TEXT NOT NULL,
    lesson_id        TEXT NOT NULL,
    course_revision  INTEGER NOT NULL,
    started_at       TEXT NOT NULL,
    finished_at      TEXT NOT NULL,
    lang             TEXT NOT NULL CHECK (lang IN ('pt', 'en')),
    score            INTEGER NOT NULL CHECK (score >= 0),
    max_score        INTEGER NOT NULL CHECK (max_score >= score),
    passed           INTEGER NOT NULL CHECK (passed IN (0, 1)),
    answers          TEXT NOT NULL,
    marks            BLOB NOT NULL,
    content_sha256   TEXT NOT NULL CHECK (length(content_sha256) = 64),
    PRIMARY KEY (course_id, id),
    FOREIGN KEY (course_id, learner_id) REFERENCES results_learners(course_id, id)
        ON DELETE CASCADE
) STRICT;

-- Everything the dashboard reads of an attempt, in one covering index: the
-- figures scan it in order instead of visiting 100,000 rows at random
-- (the table's rows also hold the answers' JSON). It serves the learner's
-- foreign key (deleting a learner) too.
CREATE INDEX results_attempts_figures ON results_attempts(
    course_id, learner_id, lesson_id, finished_at, course_revision, lang, score, max_score,
    passed, marks
);

-- Every file imported, by the SHA-256 of its bytes: the same file again
-- changes nothing.
CREATE TABLE results_files (
    sha256       TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    course_id    TEXT NOT NULL,
    device_id    TEXT NOT NULL,
    scope        TEXT NOT NULL CHECK (scope IN ('learner', 'device')),
    saved_at     TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    imported_at  TEXT NOT NULL
) STRICT;

-- The trainer's merges, for the record (who was merged into whom, when).
CREATE TABLE results_merges (
    course_id  TEXT NOT NULL,
    kept       TEXT NOT NULL,
    merged     TEXT NOT NULL,
    merged_at  TEXT NOT NULL
) STRICT;
