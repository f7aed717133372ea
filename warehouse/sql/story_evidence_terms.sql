-- story_evidence_terms: the signature terms of the stored articles in wanted_ids, one row per
-- term, in article order (rows, not list aggregates: sorting inside list() held ~600 MB on a
-- 1,000-article night over 100,000 stored articles)
select article_id, term, weight from committed_story_terms
where article_id in (select article_id from wanted_ids)
order by article_id, term
