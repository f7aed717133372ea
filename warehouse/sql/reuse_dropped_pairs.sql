-- reuse_dropped_pairs: stored reuse pairs that stop being candidates because the night made a
-- fingerprint they share common (past {rare} or {most} bodies): their passages go
with all_fps as (
    select article_id, fingerprint from committed_reuse_fingerprints
    union all
    select article_id, fingerprint from new_fps
),
risen as (
    select fingerprint from (
        select fingerprint, count(*) as before,
               count(*) + (select count(*) from new_fps n where n.fingerprint = f.fingerprint) as after
        from committed_reuse_fingerprints f
        where fingerprint in (select fingerprint from new_fps)
        group by fingerprint
    )
    where (before <= {rare} and after > {rare}) or (before <= {most} and after > {most})
),
holders as (
    select distinct article_id from committed_reuse_fingerprints
    where fingerprint in (select fingerprint from risen)
),
pairs as (  -- stored pairs whose two articles both hold a risen fingerprint
    select distinct article_a, article_b from committed_text_reuse
    where article_a in (select article_id from holders)
      and article_b in (select article_id from holders)
),
shared as (
    select p.article_a, p.article_b, fa.fingerprint
    from pairs p
    join committed_reuse_fingerprints fa on fa.article_id = p.article_a
    join committed_reuse_fingerprints fb
        on fb.article_id = p.article_b and fb.fingerprint = fa.fingerprint
),
at_risk as (
    select distinct article_a, article_b from shared
    where fingerprint in (select fingerprint from risen)
),
counted as (
    select s.article_a, s.article_b, s.fingerprint, c.n
    from shared s
    join at_risk using (article_a, article_b)
    join (select fingerprint, count(*) as n from all_fps
          where fingerprint in (select fingerprint from shared) group by fingerprint) c
        using (fingerprint)
)
select article_a, article_b from counted
group by article_a, article_b
having not (coalesce(min(n) filter (where n <= {most}) <= {rare}, false)
            or count(*) filter (where n <= {most}) >= 2)
order by article_a, article_b
