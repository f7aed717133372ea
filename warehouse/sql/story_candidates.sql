-- story_candidates: pairs of one of the night's articles in chunk_story_keys / chunk_fps (a
-- chunk of the night) and another (stored or of the night: night_story_keys, night_fps) that
-- may link: they share a story key or {min_shared} reuse fingerprints; pairs of dated articles
-- further apart than a story may span ({window_seconds} s) are left out, stories.linking_pairs
-- decides the rest.  The other rows are filtered to the chunk's keys and fingerprints first
-- (one scan each), so what is joined is what the chunk can match.
with keys as (
    select article_id, key from committed_story_keys
    where key in (select key from chunk_story_keys)
    union all
    select article_id, key from night_story_keys
    where key in (select key from chunk_story_keys)
),
fps as (
    select article_id, fingerprint from committed_reuse_fingerprints
    where fingerprint in (select fingerprint from chunk_fps)
    union all
    select article_id, fingerprint from night_fps
    where fingerprint in (select fingerprint from chunk_fps)
),
pairs as (
    select distinct least(n.article_id, k.article_id) as article_a,
           greatest(n.article_id, k.article_id) as article_b
    from chunk_story_keys n
    join keys k using (key)
    where k.article_id <> n.article_id
    union
    select article_a, article_b from (
        select least(n.article_id, f.article_id) as article_a,
               greatest(n.article_id, f.article_id) as article_b,
               count(distinct n.fingerprint) as shared
        from chunk_fps n
        join fps f using (fingerprint)
        where f.article_id <> n.article_id
        group by all
    )
    where shared >= {min_shared}
)
select p.article_a, p.article_b
from pairs p
join all_articles xa on xa.article_id = p.article_a
join all_articles ya on ya.article_id = p.article_b
where xa.published_at is null or ya.published_at is null
   or abs(epoch(xa.published_at) - epoch(ya.published_at)) <= {window_seconds}
order by all
