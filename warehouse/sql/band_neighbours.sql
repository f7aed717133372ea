-- band_neighbours: stored articles sharing a MinHash band key with one of the night's articles
select distinct b.article_id
from committed_near_duplicate_bands b
join new_bands n using (band_key)
order by b.article_id
