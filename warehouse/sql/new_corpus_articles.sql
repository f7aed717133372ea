-- new_corpus_articles: the run's new articles as the similarity steps read them, by id
select article_id, title, body, outlet, published_at from new_articles
order by article_id
