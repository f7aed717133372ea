-- current_entities: an entity table's newest rows, of the entities some name resolves to now
-- (a warehouse from before entity_links has none: then every row is current)
select * from ({latest})
where entity_id in (select entity_id from {entity_links})
   or not exists (select 1 from {entity_links})
