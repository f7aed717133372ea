-- stored_quote_keys: which of the wanted quote keys stored quotes already have
select distinct key from committed_quote_links
where key in (select key from wanted_keys)
