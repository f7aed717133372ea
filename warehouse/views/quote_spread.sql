-- quote_spread: how far did each quote travel: who said it, which outlets and articles carried it, since when, in how many wordings?
create or replace view quote_spread as
with quoted as (
    select
        q.canonical_quote_id,
        q.quote_id,
        q.text,
        -- the resolved person's or organisation's canonical name, as top_speakers shows it
        coalesce(p.name, o.name, q.speaker) as speaker,
        q.speaker_entity_id,
        q.speaker_type,
        q.article_id,
        a.outlet,
        a.published_at
    from quotes as q
    left join articles as a on a.article_id = q.article_id
    left join people as p on p.entity_id = q.speaker_entity_id
    left join organisations as o on o.entity_id = q.speaker_entity_id
),

ranked as (
    -- the earliest wording stands for the canonical quote
    select
        *,
        row_number() over (
            partition by canonical_quote_id
            order by published_at nulls last, quote_id
        ) as wording_rank
    from quoted
),

speakers as (
    -- the speaker most often named for the quote (named speakers before anonymous ones)
    select
        canonical_quote_id,
        speaker,
        speaker_entity_id,
        speaker_type,
        row_number() over (
            partition by canonical_quote_id
            order by
                (speaker_type in ('person', 'organisation')) desc,
                count(*) desc,
                speaker
        ) as speaker_rank
    from quoted
    where speaker is not null
    group by canonical_quote_id, speaker, speaker_entity_id, speaker_type
),

spread as (
    select
        canonical_quote_id,
        list(distinct outlet order by outlet) filter (where outlet is not null) as outlets,
        count(distinct outlet) as outlet_count,
        count(distinct article_id) as articles,
        count(*) as mentions,
        min(published_at) as first_seen,
        max(published_at) as last_seen,
        count(distinct text) as wordings
    from quoted
    group by canonical_quote_id
)

select
    s.canonical_quote_id,
    sp.speaker,
    sp.speaker_type,
    sp.speaker_entity_id,
    r.text,
    s.outlets,
    s.outlet_count,
    s.articles,
    s.mentions,
    s.first_seen,
    s.last_seen,
    s.wordings
from spread as s
inner join ranked as r on r.canonical_quote_id = s.canonical_quote_id and r.wording_rank = 1
left join speakers as sp on sp.canonical_quote_id = s.canonical_quote_id and sp.speaker_rank = 1
order by s.outlet_count desc, s.articles desc, s.first_seen nulls last, s.canonical_quote_id
