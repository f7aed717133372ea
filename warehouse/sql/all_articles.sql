-- all_articles: every article of the corpus after this run, with what the corpus steps read
create temp table all_articles as
select article_id, title, body, outlet, published_at from committed_articles
union all by name
select article_id, title, body, outlet, published_at from new_articles
