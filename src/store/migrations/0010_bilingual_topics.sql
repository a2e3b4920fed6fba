-- Topics in both languages (issue 16). Until now `courses.topics` was a
-- JSON list of words in the course's source language; it becomes a list of
-- bilingual texts like every other field of a course ({"pt": ..., "en": ...},
-- with `source_hash` once translated). Each existing word moves into the
-- course's source language, its translation not written yet, in list order.
-- Runs inside the one transaction that applies every pending migration.
-- Saved copies of a course (revisions, the bin) keep their old form: the
-- reader of a course (`model::Course`) takes plain words as source-language
-- topics, as it does for packages made before.
UPDATE courses
SET topics = (
    SELECT json_group_array(
               json_object(
                   'pt', CASE WHEN courses.source_lang = 'pt' THEN word.value ELSE '' END,
                   'en', CASE WHEN courses.source_lang = 'en' THEN word.value ELSE '' END
               ) ORDER BY word.key
           )
    FROM json_each(courses.topics) AS word
    WHERE word.type = 'text'
)
WHERE json_valid(topics) AND json_type(topics) = 'array';
