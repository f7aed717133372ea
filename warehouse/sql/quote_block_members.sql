-- quote_block_members: every stored quote of the blocks that hold one of the wanted keys
select l.quote_id, l.key, l.surname, l.block, l.canonical_quote_id, l.wording_diff,
       q.text, q.speaker, a.published_at
from committed_quote_links l
join all_quotes q using (quote_id)
left join all_articles a using (article_id)
where l.block in (select distinct block from committed_quote_links
                  where key in (select key from wanted_keys))
order by l.quote_id
