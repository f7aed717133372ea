-- near_duplicates_updated: the committed links with those of the touched articles replaced
select article_id, original_id, similarity from committed_near_duplicates
where article_id not in (select article_id from touched_links)
union all
select article_id, original_id, similarity from touched_links
where original_id is not null
