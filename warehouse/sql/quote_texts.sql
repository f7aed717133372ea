-- quote_texts: every quote of the corpus with its speaker and its article's date
select q.quote_id, q.text, q.speaker, a.published_at
from all_quotes q left join all_articles a using (article_id)
order by q.quote_id
