-- resolved_mentions: the mentions of the mapped names with their entity id (a view:
-- the entities queries aggregate it straight from the files)
create temp view resolved_mentions as
select m.* replace (e.entity_id as entity_id)
from all_mentions m join entity_map e using (type, name)
