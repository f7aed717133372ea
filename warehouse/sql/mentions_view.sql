-- mentions_view: the stored mentions with the entity their (type, name) resolves to now
select m.* replace (coalesce(e.entity_id, m.entity_id) as entity_id)
from ({facts}) m
left join {entity_links} e using (type, name)
