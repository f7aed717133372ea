-- text_reuse_updated: the stored passages without those of the dropped pairs, plus the night's
select r.* from committed_text_reuse r
anti join dropped_pairs d using (article_a, article_b)
union all by name
select * from added_passages
