-- all_<table>: stored facts plus those of the run's new articles, once per key
create temp table all_{table} as
select * from committed_{table}
union all by name
select * from staged_{table}
where article_id in (select article_id from new_articles)
qualify row_number() over (partition by {key} order by {key}) = 1
