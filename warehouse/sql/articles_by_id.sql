-- articles_by_id: the stored articles a night's matching needs (ids in the wanted_ids table)
select article_id, title, body, outlet, published_at from all_article_bodies
where article_id in (select article_id from wanted_ids)
order by article_id
