-- quote_block_members: every stored quote of the blocks that hold one of the wanted keys.  The
-- links are narrowed first and the quotes read for them alone: joining the links to every
-- quote's text held ~170 MB on a 1% night over 100,000 articles.
with members as (
    select quote_id, key, surname, block, canonical_quote_id, wording_diff
    from committed_quote_links
    where block in (select distinct block from committed_quote_links
                    where key in (select key from wanted_keys))
),
texts as (
    select quote_id, text, speaker, article_id from all_quotes
    where quote_id in (select quote_id from members)
)
select m.quote_id, m.key, m.surname, m.block, m.canonical_quote_id, m.wording_diff,
       t.text, t.speaker, a.published_at
from members m
join texts t using (quote_id)
left join all_articles a using (article_id)
order by m.quote_id
