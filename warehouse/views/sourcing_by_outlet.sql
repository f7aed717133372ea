-- sourcing_by_outlet: how much does each outlet rely on named versus anonymous sources?
create or replace view sourcing_by_outlet as
with sourced as (
    select
        a.outlet,
        q.speaker_type
    from quotes as q
    inner join articles as a on a.article_id = q.article_id
),

counted as (
    select
        outlet,
        count(*) as quotes,
        count(*) filter (where speaker_type in ('person', 'organisation')) as named,
        count(*) filter (where speaker_type = 'anonymous') as anonymous,
        count(*) filter (where speaker_type not in ('person', 'organisation', 'anonymous')) as unknown
    from sourced
    group by outlet
)

select
    outlet,
    quotes,
    named,
    anonymous,
    unknown,
    round(named / quotes, 3) as named_share,
    round(anonymous / quotes, 3) as anonymous_share,
    round(unknown / quotes, 3) as unknown_share,
    round(anonymous / nullif(named + anonymous, 0), 3) as anonymous_share_of_attributed
from counted
order by quotes desc, outlet nulls last
