-- quote_band_matches: stored quote keys sharing a MinHash band key with a new key.  A key id
-- always stands for the same key, so any stored link row gives it: the newest-row view over
-- every quote link is not needed (through it, this query needed over 280 MB at 100,000
-- articles).
with matched as (
    select distinct n.key_id as new_key_id, b.key_id
    from new_quote_bands n
    join committed_quote_bands b using (band_key)
)
select distinct m.new_key_id as key_id, l.key
from matched m
join (select distinct key_id, key from history_quote_links
      where key_id in (select key_id from matched)) l using (key_id)
order by all
