-- stored_quote_pairs: the stored verified pairs of the wanted quote keys
select key_a, key_b from committed_quote_pairs
where key_a in (select key from wanted_keys) or key_b in (select key from wanted_keys)
order by all
