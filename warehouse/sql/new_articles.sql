-- new_articles: the run's articles that are not stored yet, one row per article_id
create temp table new_articles as
select * from staged_articles
where article_id not in (select article_id from committed_articles)
qualify row_number() over (partition by article_id order by source_path, record_no) = 1
