-- story_evidence_prints: the reuse fingerprints of the stored articles in wanted_ids, one row
-- per fingerprint, in article order
select article_id, fingerprint from committed_reuse_fingerprints
where article_id in (select article_id from wanted_ids)
order by article_id, fingerprint
