-- money_amounts: which amounts of money were reported, in which currency, for what, credited to whom?
create or replace view money_amounts as
with money as (
    select * from figures where kind = 'money'
),

located as (
    select
        m.unit as currency,
        m.value,
        m.low,
        m.high,
        m.qualifier,
        m.per,
        m.subject,
        m.time_ref,
        m.attributed_to,
        a.outlet,
        a.published_at,
        m.text,
        m.sentence,
        m.figure_id,
        m.article_id
    from money as m
    join articles as a on a.article_id = m.article_id
)

select * from located
order by currency, coalesce(value, high, low) desc, outlet
;
