-- co_mentions: which people and organisations are named together, and in how many articles?
create or replace view co_mentions as
with entity_articles as (
    select distinct entity_id, article_id
    from mentions
    where entity_id is not null
),

entity_names as (
    select entity_id, name, 'person' as type from people
    union all
    select entity_id, name, 'organisation' as type from organisations
),

pairs as (
    select
        a.entity_id as entity_a,
        b.entity_id as entity_b,
        count(*) as shared_articles,
        list_sort(list(a.article_id)) as article_ids
    from entity_articles as a
    join entity_articles as b
        on a.article_id = b.article_id and a.entity_id < b.entity_id
    group by a.entity_id, b.entity_id
),

final as (
    select
        p.entity_a,
        na.name as name_a,
        na.type as type_a,
        p.entity_b,
        nb.name as name_b,
        nb.type as type_b,
        p.shared_articles,
        p.article_ids
    from pairs as p
    left join entity_names as na on na.entity_id = p.entity_a
    left join entity_names as nb on nb.entity_id = p.entity_b
)

select * from final
order by shared_articles desc, name_a, name_b
;
