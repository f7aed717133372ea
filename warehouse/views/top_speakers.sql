-- top_speakers: who is quoted most, across how many outlets, and with which cue verb?
create or replace view top_speakers as
with spoken as (
    select
        q.quote_id,
        q.canonical_quote_id,
        q.speaker,
        q.speaker_type,
        q.speaker_entity_id,
        q.cue,
        q.indirect,
        a.outlet,
        -- one key per real speaker: the resolved entity when known, else the name as written
        coalesce(q.speaker_entity_id, q.speaker_type || ':' || q.speaker) as speaker_key
    from quotes as q
    left join articles as a on a.article_id = q.article_id
    where q.speaker is not null
),

names as (
    select
        speaker_key,
        speaker,
        row_number() over (partition by speaker_key order by count(*) desc, speaker) as name_rank
    from spoken
    group by speaker_key, speaker
),

cues as (
    select
        speaker_key,
        cue,
        row_number() over (partition by speaker_key order by count(*) desc, cue) as cue_rank
    from spoken
    where cue is not null
    group by speaker_key, cue
),

counted as (
    select
        speaker_key,
        any_value(speaker_type) as speaker_type,
        any_value(speaker_entity_id) as speaker_entity_id,
        count(*) as quotes,
        count(*) filter (where not indirect) as direct_quotes,
        count(distinct canonical_quote_id) as canonical_quotes,
        count(distinct outlet) as outlets
    from spoken
    group by speaker_key
)

select
    n.speaker,
    c.speaker_type,
    c.speaker_entity_id,
    c.quotes,
    c.direct_quotes,
    c.canonical_quotes,
    c.outlets,
    k.cue as top_cue
from counted as c
inner join names as n on n.speaker_key = c.speaker_key and n.name_rank = 1
left join cues as k on k.speaker_key = c.speaker_key and k.cue_rank = 1
order by c.quotes desc, c.outlets desc, n.speaker
