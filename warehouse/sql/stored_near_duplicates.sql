-- stored_near_duplicates: the committed links of the articles in wanted_ids
select article_id, original_id, similarity from committed_near_duplicates
where article_id in (select article_id from wanted_ids)
