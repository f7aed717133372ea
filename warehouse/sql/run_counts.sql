-- What one run added beside what the warehouse holds: (what, added, total) per kind of fact.
-- Facts hang off articles, so "added" counts those of the articles the run stored ($runs: the
-- run's id, or every part's of a night committed in parts).
with new_articles as (select article_id from articles where list_contains($runs, run_id))
select 'articles' as what, (select count(*) from new_articles) as added,
       (select count(*) from articles) as total
union all
select 'quotes', (select count(*) from quotes where article_id in (select article_id from new_articles)),
       (select count(*) from quotes)
union all
select 'figures', (select count(*) from figures where article_id in (select article_id from new_articles)),
       (select count(*) from figures)
union all
select 'mentions', (select count(*) from mentions where article_id in (select article_id from new_articles)),
       (select count(*) from mentions)
union all
select 'people', null, (select count(*) from people)
union all
select 'organisations', null, (select count(*) from organisations)
union all
select 'stories', null, (select count(*) from stories)
union all
select 'reuse passages', null, (select count(*) from text_reuse)
union all
select 'quarantined', (select count(*) from quarantine where list_contains($runs, run_id)),
       (select count(*) from quarantine)
