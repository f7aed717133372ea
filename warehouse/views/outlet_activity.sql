-- outlet_activity: articles per outlet per day.
create or replace view outlet_activity as
with dated as (
    select
        outlet,
        -- the UTC calendar day, whatever the session's time zone; null when the date is unknown
        cast(timezone('UTC', published_at) as date) as day,
        word_count
    from articles
),

counted as (
    select
        outlet,
        day,
        count(*) as articles,
        sum(word_count) as words
    from dated
    group by outlet, day
)

select * from counted
order by day nulls last, outlet nulls last
