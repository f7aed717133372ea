-- quote_texts: quotes with their speaker and their article's date
select q.quote_id, q.text, q.speaker, a.published_at
from {quotes} q left join all_articles a using (article_id)
order by q.quote_id
