-- quote_band_matches: stored quote keys sharing a MinHash band key with a new key
select distinct n.key_id, l.key
from new_quote_bands n
join committed_quote_bands b using (band_key)
join (select distinct key_id, key from committed_quote_links) l on l.key_id = b.key_id
order by all
