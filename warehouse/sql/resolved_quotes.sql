-- resolved_quotes: every quote with its canonical quote, its speaker's entity and wording diff
select q.* replace (
    coalesce(m.canonical, q.quote_id) as canonical_quote_id,
    e.entity_id as speaker_entity_id,
    m.wording_diff as wording_diff)
from all_quotes q
left join quote_map m using (quote_id)
left join entity_map e on e.type = q.speaker_type and e.name = q.speaker
