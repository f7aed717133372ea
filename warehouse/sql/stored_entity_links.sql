-- stored_entity_links: the current links of the stored names in the wanted blocks, block by
-- block (the night resolves a few blocks at a time)
select block, type, name, mentions, entity_id, canonical, aliases
from committed_entity_links
where block in (select block from wanted_blocks)
order by block, type, name
