-- figure_disagreements: which outlets report a different number for the same measure in the same story?
create or replace view figure_disagreements as
with located as (
    select
        f.figure_id,
        f.article_id,
        sa.story_id,
        a.outlet,
        f.kind,
        f.unit,
        f.per,
        f.text,
        f.sentence,
        f.subject,
        f.value,
        f.low,
        f.high,
        coalesce(f.value, f.low, f.high) as amount
    from figures as f
    join articles as a on a.article_id = f.article_id
    join story_articles as sa on sa.article_id = f.article_id
),

headed as (
    -- the head word of the subject, lower case ("security assistance" -> "security")
    select *, split_part(trim(lower(coalesce(subject, ''))), ' ', 1) as head
    from located
    where amount is not null
),

keyed as (
    -- the measure: kind, unit, rate period and the subject's head with synonyms folded; country
    -- counts need no subject (the unit says what is counted)
    select
        *,
        kind || '|' || coalesce(unit, '') || '|' || coalesce(per, '') || '|' || case
            when kind = 'countries' then ''
            when regexp_matches(head, '^(aid|assistance|support|help|package|funding|funds|money|'
                || 'military|security|financial|humanitarian|weapons)$') then 'aid'
            when regexp_matches(head, '^(nations|states)$') then 'countries'
            when regexp_matches(head, '^(soldiers|servicemen|personnel|fighters)$') then 'troops'
            else head
        end as measure_key
    from headed
),

compared as (
    select
        x.figure_id as figure_a,
        y.figure_id as figure_b,
        x.story_id,
        x.article_id as this_article,
        y.article_id as other_article,
        abs(x.amount - y.amount) <= 1e-6 * greatest(abs(x.amount), abs(y.amount)) as same_amount,
        abs(x.amount - y.amount) as gap
    from keyed as x
    join keyed as y
        on x.story_id = y.story_id
        and x.measure_key = y.measure_key
        and x.article_id <> y.article_id
),

confirmation as (
    -- is this figure's amount stated, for the same measure, by the other article?
    select figure_a, other_article, bool_or(same_amount) as confirmed
    from compared
    group by figure_a, other_article
),

unconfirmed as (
    -- two figures disagree when neither article states the other's amount (so a poll's other
    -- questions are not mistaken for disagreements); each is paired with its closest rival
    select c.figure_a, arg_min(c.figure_b, c.gap) as figure_b, any_value(c.story_id) as story_id
    from compared as c
    join confirmation as mine
        on mine.figure_a = c.figure_a and mine.other_article = c.other_article
    join confirmation as theirs
        on theirs.figure_a = c.figure_b and theirs.other_article = c.this_article
    where not mine.confirmed and not theirs.confirmed
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
    a.per,
    a.measure_key,
    a.outlet as outlet_a,
    a.text as text_a,
    a.value as value_a,
    a.low as low_a,
    a.high as high_a,
    a.sentence as sentence_a,
    b.outlet as outlet_b,
    b.text as text_b,
    b.value as value_b,
    b.low as low_b,
    b.high as high_b,
    b.sentence as sentence_b,
    a.figure_id as figure_a,
    b.figure_id as figure_b
from pairs as p
join keyed as a on a.figure_id = p.first_id
join keyed as b on b.figure_id = p.second_id
order by p.story_id, a.measure_key, a.outlet, b.outlet
;
