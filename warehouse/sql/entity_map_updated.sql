-- entity_map_updated: the names of the entities a night touches, with their entity after the
-- night (stored links, the changed ones replaced)
create temp table entity_map as
select * from (
    select type, name, entity_id, canonical, aliases from committed_entity_links
    anti join changed_links using (type, name)
    union all
    select type, name, entity_id, canonical, aliases from changed_links
)
where entity_id in (select entity_id from touched_entities)
