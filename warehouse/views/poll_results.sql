-- poll_results: which poll shares were reported, by which pollster, of whom, when fielded, with what margin of error?
create or replace view poll_results as
with polls as (
    select * from figures where kind = 'poll'
),

located as (
    select
        p.pollster,
        p.population,
        p.field_dates,
        p.margin_of_error,
        p.subject,
        p.value,
        p.low,
        p.high,
        p.qualifier,
        p.text,
        p.sentence,
        a.outlet,
        a.published_at,
        p.figure_id,
        p.article_id
    from polls as p
    join articles as a on a.article_id = p.article_id
)

select * from located
order by pollster nulls last, population nulls last, published_at, outlet
;
