-- entity_facts: resolved mentions with their article's outlet and date
create temp view entity_facts as
select m.*, a.outlet, a.published_at
from resolved_mentions m join all_articles a using (article_id)
