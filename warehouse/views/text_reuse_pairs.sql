-- text_reuse_pairs: who reprints whom, and what share of each body is reused.
-- Site furniture (a passage in many articles of one outlet) and statements both articles quote
-- are not reuse; "earlier" goes by published_at, else the dated, then longer, then smaller id.
create or replace view text_reuse_pairs as
with pairs as (
    -- one row per pair of articles; passages of a pair all carry the same "earlier"
    select
        article_a,
        article_b,
        count(*) as passages,
        sum(words) as reused_words,
        sum(words * similarity) / sum(words) as similarity,
        min(earlier) as earlier
    from text_reuse
    group by article_a, article_b
),

sides as (
    select
        p.*,
        a.outlet as outlet_a,
        a.title as title_a,
        a.published_at as published_a,
        a.word_count as words_a,
        b.outlet as outlet_b,
        b.title as title_b,
        b.published_at as published_b,
        b.word_count as words_b
    from pairs as p
    left join articles as a on a.article_id = p.article_a
    left join articles as b on b.article_id = p.article_b
),

final as (
    -- passage lengths are counted on side a; side b's share uses the same count (light edits
    -- change it by a word or two), capped at the whole body
    select
        article_a,
        outlet_a,
        title_a,
        published_a,
        article_b,
        outlet_b,
        title_b,
        published_b,
        passages,
        reused_words,
        round(similarity, 4) as similarity,
        least(1.0, reused_words / nullif(words_a, 0)) as share_of_a,
        least(1.0, reused_words / nullif(words_b, 0)) as share_of_b,
        earlier,
        case earlier when 'a' then article_b when 'b' then article_a end as reprinter_id,
        case earlier when 'a' then outlet_b when 'b' then outlet_a end as reprinter_outlet,
        case earlier when 'a' then article_a when 'b' then article_b end as original_id,
        case earlier when 'a' then outlet_a when 'b' then outlet_b end as original_outlet
    from sides
)

select *
from final
order by reused_words desc, article_a, article_b
