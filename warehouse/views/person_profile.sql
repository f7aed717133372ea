-- person_profile: per person, mentions, articles, outlets, roles and quotes.
create or replace view person_profile as
with person_mentions as (
    select
        m.entity_id,
        m.article_id,
        m.affiliation,
        a.outlet
    from mentions as m
    left join articles as a on a.article_id = m.article_id
    where m.type = 'person' and m.entity_id is not null
),

mention_stats as (
    select
        entity_id,
        list_sort(list(distinct outlet) filter (where outlet is not null)) as outlets,
        list_sort(list(distinct affiliation) filter (where affiliation is not null)) as affiliations
    from person_mentions
    group by entity_id
),

quote_stats as (
    select
        speaker_entity_id as entity_id,
        count(distinct canonical_quote_id) as quote_count,
        count(*) as quote_mentions
    from quotes
    where speaker_entity_id is not null
    group by speaker_entity_id
),

final as (
    select
        p.entity_id,
        p.name,
        p.aliases,
        p.roles,
        coalesce(s.affiliations, []) as affiliations,
        p.first_seen,
        p.mention_count,
        p.article_count,
        p.outlet_count,
        coalesce(s.outlets, []) as outlets,
        coalesce(q.quote_count, 0) as quote_count,
        coalesce(q.quote_mentions, 0) as quote_mentions
    from people as p
    left join mention_stats as s on s.entity_id = p.entity_id
    left join quote_stats as q on q.entity_id = p.entity_id
)

select * from final
order by mention_count desc, name
;
