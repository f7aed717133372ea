-- latest_rows: the newest row per key of a links table (older rows are superseded history)
select * from {source}
qualify row_number() over (partition by {keys} order by resolved_in desc) = 1
