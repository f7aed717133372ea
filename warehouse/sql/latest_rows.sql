-- latest_rows: the newest row per key (older rows are superseded history; rows written before
-- resolved_in existed count as oldest)
select * from {source}
qualify row_number() over (partition by {keys} order by resolved_in desc nulls last) = 1
