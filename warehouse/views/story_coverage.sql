-- story_coverage: per story, the outlets, articles, first and last seen, and the originals they cite.
create or replace view story_coverage as
with members as (
    select distinct
        sa.story_id,
        sa.article_id,
        a.outlet,
        a.published_at
    from story_articles as sa
    left join articles as a on a.article_id = sa.article_id
),

cited as (
    -- every citation made by a member article, with the outlet it credits
    select
        m.story_id,
        c.article_id,
        c.cited_outlet,
        c.url
    from members as m
    inner join citations as c on c.article_id = m.article_id
),

cited_outlets as (
    select
        story_id,
        cited_outlet,
        count(distinct article_id) as citing_articles
    from cited
    where cited_outlet is not null
    group by story_id, cited_outlet
),

originals as (
    -- the outlets the story's articles rely on, most cited first
    select
        story_id,
        list(cited_outlet order by citing_articles desc, cited_outlet) as cited_outlets
    from cited_outlets
    group by story_id
),

links as (
    select
        story_id,
        list(distinct url order by url) filter (where url is not null) as cited_urls,
        count(*) as citations,
        count(distinct article_id) as citing_articles
    from cited
    group by story_id
),

coverage as (
    select
        story_id,
        count(distinct article_id) as articles,
        count(distinct outlet) as outlet_count,
        list(article_id order by published_at nulls last, article_id) as article_ids
    from members
    group by story_id
)

select
    s.story_id,
    s.label,
    s.first_seen,
    s.last_seen,
    s.outlets,
    coalesce(cv.outlet_count, len(s.outlets)) as outlet_count,
    coalesce(cv.articles, s.article_count) as articles,
    cv.article_ids,
    coalesce(o.cited_outlets, []) as cited_outlets,
    o.cited_outlets[1] as top_cited_outlet,
    coalesce(l.cited_urls, []) as cited_urls,
    coalesce(l.citations, 0) as citations,
    coalesce(l.citing_articles, 0) as citing_articles
from stories as s
left join coverage as cv on cv.story_id = s.story_id
left join originals as o on o.story_id = s.story_id
left join links as l on l.story_id = s.story_id
order by articles desc, outlet_count desc, s.first_seen nulls last, s.story_id
