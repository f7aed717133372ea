-- figure_disagreements: which outlets state a conflicting number for the same measure in the same story?
-- Two figures measure the same thing when they share a story and a measure key (kind, unit,
-- counted thing, rate period and time reference, set by the extractor; figures whose text does
-- not say what they count have none and are never compared).  They conflict when their ranges
-- do not overlap once each stated number is widened by its rounding ("$43.9 billion" and "$44
-- billion" agree), or when they state the same number with bounds that exclude each other
-- ("more than 50" against a plain "50").
create or replace view figure_disagreements as
with located as (
    select
        f.figure_id,
        f.article_id,
        sa.story_id,
        a.outlet,
        f.kind,
        f.unit,
        f.measure_key,
        f.qualifier,
        f.text,
        f.sentence,
        f.attributed_to,
        f.value,
        f.low,
        f.high,
        coalesce(f.value, f.low, f.high) as stated
    from figures as f
    join articles as a on a.article_id = f.article_id
    join story_articles as sa on sa.article_id = f.article_id
    where f.measure_key is not null and coalesce(f.value, f.low, f.high) is not null
),

rounded as (
    -- the rounding step of the stated number: 10^(digits before the point - significant digits)
    -- for whole numbers ("44 billion" -> 1e9, "43.9 billion" -> 1e8, "50" -> 10), 0.01 otherwise
    select
        *,
        case
            when stated = round(stated) and abs(stated) >= 1 then power(
                10,
                length(cast(cast(abs(stated) as hugeint) as varchar))
                - length(rtrim(cast(cast(abs(stated) as hugeint) as varchar), '0'))
            )
            else 0.01
        end as step,
        case
            when qualifier = 'between' or (value is null and low is not null and high is not null)
                then 'range'
            when value is null then 'vague'
            when low is null and high is null then 'approx'
            when high is null then 'above'
            when low is null then 'below'
            else 'exact'
        end as bound
    from located
),

spans as (
    -- the interval each figure allows; an approximate figure allows a tenth either way
    select
        *,
        case bound
            when 'exact' then stated - step / 2
            when 'approx' then stated * 0.9 - step / 2
            when 'below' then null
            else low
        end as lo,
        case bound
            when 'exact' then stated + step / 2
            when 'approx' then stated * 1.1 + step / 2
            when 'above' then null
            else high
        end as hi
    from rounded
),

compared as (
    select
        x.figure_id as figure_a,
        y.figure_id as figure_b,
        x.story_id,
        x.article_id as this_article,
        y.article_id as other_article,
        abs(x.stated - y.stated) as gap,
        (y.hi is not null and x.lo is not null and x.lo > y.hi)
        or (x.hi is not null and y.lo is not null and y.lo > x.hi)
        or (
            abs(x.stated - y.stated) <= least(x.step, y.step) / 2
            and x.bound <> y.bound
            and x.bound in ('exact', 'above', 'below')
            and y.bound in ('exact', 'above', 'below')
        ) as conflict
    from spans as x
    join spans as y
        on x.story_id = y.story_id
        and x.measure_key = y.measure_key
        and x.article_id <> y.article_id
),

confirmation as (
    -- does the other article state something compatible with this figure for the same measure?
    select figure_a, other_article, bool_or(not conflict) as confirmed
    from compared
    group by figure_a, other_article
),

unconfirmed as (
    -- two figures disagree when neither article states anything compatible with the other's
    -- figure; each is paired with its closest rival
    select c.figure_a, arg_min(c.figure_b, c.gap) as figure_b, any_value(c.story_id) as story_id
    from compared as c
    join confirmation as mine
        on mine.figure_a = c.figure_a and mine.other_article = c.other_article
    join confirmation as theirs
        on theirs.figure_a = c.figure_b and theirs.other_article = c.this_article
    where c.conflict and not mine.confirmed and not theirs.confirmed
    group by c.figure_a, c.other_article
),

pairs as (
    select distinct
        least(figure_a, figure_b) as first_id,
        greatest(figure_a, figure_b) as second_id,
        story_id
    from unconfirmed
)

select
    p.story_id,
    a.kind,
    a.unit,
    a.measure_key,
    a.outlet as outlet_a,
    a.text as text_a,
    a.value as value_a,
    a.low as low_a,
    a.high as high_a,
    a.attributed_to as claimant_a,
    a.sentence as sentence_a,
    b.outlet as outlet_b,
    b.text as text_b,
    b.value as value_b,
    b.low as low_b,
    b.high as high_b,
    b.attributed_to as claimant_b,
    b.sentence as sentence_b,
    a.figure_id as figure_a,
    b.figure_id as figure_b
from pairs as p
join spans as a on a.figure_id = p.first_id
join spans as b on b.figure_id = p.second_id
order by p.story_id, a.measure_key, a.outlet, b.outlet
;
