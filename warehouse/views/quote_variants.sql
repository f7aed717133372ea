-- quote_variants: how did the wording of each quote change from outlet to outlet?
create or replace view quote_variants as
with reworded as (
    -- quotes printed in more than one wording; quote_spread's text is the earliest wording
    select
        canonical_quote_id,
        text as canonical_text
    from quote_spread
    where wordings > 1
)

select
    q.canonical_quote_id,
    dense_rank() over (partition by q.canonical_quote_id order by q.text) as wording_no,
    q.text,
    r.canonical_text,
    q.text <> r.canonical_text as differs,
    q.wording_diff,
    q.speaker,
    a.outlet,
    a.title,
    q.article_id,
    q.quote_id,
    a.published_at
from quotes as q
inner join reworded as r on r.canonical_quote_id = q.canonical_quote_id
left join articles as a on a.article_id = q.article_id
order by q.canonical_quote_id, a.published_at nulls last, q.quote_id
