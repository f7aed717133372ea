-- organisation_kind_join: the organisations table's extra join, each entity's most frequent kind
left join (
    select entity_id, org_kind as kind from entity_facts
    where type = 'organisation' and org_kind is not null
    group by entity_id, org_kind
    qualify row_number() over (partition by entity_id order by count(*) desc, org_kind) = 1
) k using (entity_id)
