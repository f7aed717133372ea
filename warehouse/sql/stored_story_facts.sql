-- stored_story_facts: what story clustering needs of every stored article, without its body
select a.article_id, a.published_at, a.outlet, l.label,
       coalesce(t.terms, []) as terms, coalesce(t.occurrences, []) as occurrences,
       coalesce(f.fingerprints, []) as fingerprints
from committed_articles a
join committed_story_labels l using (article_id)
left join (
    select article_id, list(term order by term) as terms,
           list(occurrences order by term) as occurrences
    from committed_story_terms group by article_id
) t using (article_id)
left join (
    select article_id, list(fingerprint) as fingerprints
    from committed_reuse_fingerprints group by article_id
) f using (article_id)
order by a.article_id
