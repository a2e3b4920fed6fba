-- Reserved for issue #15: a search index that does not store the lesson
-- text a second time. Filled in by the commit that brings the new layout.
SELECT 1;
