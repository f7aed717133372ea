-- casualty_claims: who claims how many dead, wounded or lost, and which outlet carries the claim?
create or replace view casualty_claims as
with casualties as (
    select * from figures where kind = 'casualties'
),

located as (
    select
        coalesce(c.attributed_to, a.outlet) as claimant,
        c.attributed_to is null as claimed_by_outlet,
        c.value,
        c.low,
        c.high,
        c.qualifier,
        c.unit,
        c.subject,
        a.outlet,
        a.published_at,
        c.text,
        c.sentence,
        c.figure_id,
        c.article_id
    from casualties as c
    join articles as a on a.article_id = c.article_id
)

select * from located
order by claimant nulls last, coalesce(value, high, low) desc
;
