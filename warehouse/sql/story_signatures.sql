-- story_signatures: what deciding a story pair needs of the stored articles in wanted_ids
-- (their signature, date and reuse fingerprints), without their bodies
select a.article_id, a.published_at,
       coalesce(t.terms, []) as terms, coalesce(t.weights, []) as weights,
       coalesce(f.fingerprints, []) as fingerprints
from all_articles a
left join (
    select article_id, list(term order by term) as terms, list(weight order by term) as weights
    from committed_story_terms
    where article_id in (select article_id from wanted_ids)
    group by article_id
) t using (article_id)
left join (
    select article_id, list(fingerprint order by fingerprint) as fingerprints
    from committed_reuse_fingerprints
    where article_id in (select article_id from wanted_ids)
    group by article_id
) f using (article_id)
where a.article_id in (select article_id from wanted_ids)
order by a.article_id
