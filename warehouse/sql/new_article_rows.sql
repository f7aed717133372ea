-- new_article_rows: a per-article table's staged rows that belong to new articles, once per key
select * from staged_{table}
where article_id in (select article_id from new_articles)
qualify row_number() over (partition by {key} order by {key}) = 1
