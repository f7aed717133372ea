-- current_stories: the stories table's newest rows, of the stories some article belongs to now
select * from ({latest})
where story_id in (select story_id from {story_articles})
