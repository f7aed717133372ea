-- resolved_mentions: every mention with the entity id its (type, name) resolves to (a view:
-- the entities queries aggregate it straight from the files)
create temp view resolved_mentions as
select m.* replace (e.entity_id as entity_id)
from all_mentions m left join entity_map e using (type, name)
