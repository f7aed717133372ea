-- corpus_articles: what near-duplicates, stories and text reuse read, in a stable order
select article_id, title, body, outlet, published_at from all_article_bodies
order by article_id
