-- story_count: stories after the night: the stored links with the night's (night_links) over them
select count(distinct story_id) from (
    select article_id, story_id from committed_story_articles
    anti join night_links using (article_id)
    union all
    select article_id, story_id from night_links
)
