-- stored_entity_links: the current links of the stored names in the wanted blocks
select type, name, mentions, entity_id, canonical, aliases
from committed_entity_links
where block in (select block from wanted_blocks)
order by type, name
