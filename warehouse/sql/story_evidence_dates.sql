-- story_evidence_dates: the stored articles in wanted_ids with their dates (what deciding a
-- story pair needs of them besides their terms and fingerprints)
select article_id, published_at from all_articles
where article_id in (select article_id from wanted_ids)
order by article_id
