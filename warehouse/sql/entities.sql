-- entities: one row per canonical entity of a type: names from resolution, counts from the
-- mentions (an entity seen only as a quote speaker has no mentions, hence the left join).
-- Lists are sorted and ties broken explicitly: a rerun must give identical rows.
with spellings as (
    -- every spelling: the resolved names and the surface forms in the text
    select entity_id, nfc_normalize(trim(regexp_replace(alias, '[\s\x{{00A0}}]+', ' ', 'g'))) as alias
    from (select entity_id, unnest(aliases) as alias from entity_map where type = '{type}')
    union
    select entity_id, nfc_normalize(trim(regexp_replace(surface, '[\s\x{{00A0}}]+', ' ', 'g')))
    from entity_facts where type = '{type}'
),
entities as (
    select m.entity_id, any_value(m.canonical) as name,
           (select list_sort(list(distinct alias)) from spellings s
            where s.entity_id = m.entity_id) as aliases
    from entity_map m where m.type = '{type}' group by m.entity_id
),
counted as (
    select entity_id, {extra}, min(published_at) as first_seen,
           count(*) as mention_count, count(distinct article_id) as article_count,
           count(distinct outlet) as outlet_count
    from entity_facts f {extra_join}
    where f.type = '{type}'
    group by entity_id
)
select e.entity_id, e.name, e.aliases, c.* exclude (entity_id)
from entities e left join counted c using (entity_id)
