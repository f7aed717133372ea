-- story_block_members: every stored article of the story blocks holding one of wanted_ids, with
-- its current story and what a story takes from it
select s.article_id, s.block, s.story_id, a.published_at, a.outlet, l.label
from committed_story_articles s
join all_articles a using (article_id)
join committed_story_labels l using (article_id)
where s.block in (select block from committed_story_articles
                  where article_id in (select article_id from wanted_ids))
order by s.article_id
