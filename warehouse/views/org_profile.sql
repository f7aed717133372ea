-- org_profile: per organisation, kind, mentions, articles, outlets and quotes credited to it.
create or replace view org_profile as
with org_mentions as (
    select
        m.entity_id,
        m.article_id,
        a.outlet
    from mentions as m
    left join articles as a on a.article_id = m.article_id
    where m.type = 'organisation' and m.entity_id is not null
),

mention_stats as (
    select
        entity_id,
        list_sort(list(distinct outlet) filter (where outlet is not null)) as outlets
    from org_mentions
    group by entity_id
),

quote_stats as (
    select
        speaker_entity_id as entity_id,
        count(distinct canonical_quote_id) as quote_count
    from quotes
    where speaker_entity_id is not null
    group by speaker_entity_id
),

final as (
    select
        o.entity_id,
        o.name,
        o.kind,
        o.aliases,
        o.first_seen,
        o.mention_count,
        o.article_count,
        o.outlet_count,
        coalesce(s.outlets, []) as outlets,
        coalesce(q.quote_count, 0) as quote_count
    from organisations as o
    left join mention_stats as s on s.entity_id = o.entity_id
    left join quote_stats as q on q.entity_id = o.entity_id
)

select * from final
order by mention_count desc, name
;
