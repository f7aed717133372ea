-- stored_story_pairs: the stored story pairs of the articles in wanted_ids (a pair's two
-- articles share a block, so whole blocks asked for give whole pairs)
select article_a, article_b, score from committed_story_pairs
where article_a in (select article_id from wanted_ids)
order by all
