-- entity_map_updated: every name's entity after the night: stored links, the changed ones replaced
create temp table entity_map as
select type, name, entity_id, canonical, aliases from committed_entity_links
anti join changed_links using (type, name)
union all
select type, name, entity_id, canonical, aliases from changed_links
