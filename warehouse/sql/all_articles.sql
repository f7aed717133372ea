-- all_articles: every article of the corpus after this run, without bodies (what joins need:
-- dates and outlets); all_article_bodies reads bodies from the files only where asked
create temp table all_articles as
select article_id, title, outlet, published_at from committed_articles
union all by name
select article_id, title, outlet, published_at from new_articles;
create temp view all_article_bodies as
select article_id, title, body, outlet, published_at from committed_articles
union all by name
select article_id, title, body, outlet, published_at from new_articles
