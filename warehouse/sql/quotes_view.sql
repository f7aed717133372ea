-- quotes_view: the stored quotes with what resolution says now: canonical quote and wording
-- diff from quote_links, the speaker's entity from entity_links (facts keep their values as
-- stored when no link names them, e.g. parts older than the links)
select q.* replace (
    coalesce(l.canonical_quote_id, q.canonical_quote_id) as canonical_quote_id,
    coalesce(e.entity_id, q.speaker_entity_id) as speaker_entity_id,
    case when l.quote_id is null then q.wording_diff else l.wording_diff end as wording_diff)
from ({facts}) q
left join {quote_links} l using (quote_id)
left join {entity_links} e on e.type = q.speaker_type and e.name = q.speaker
