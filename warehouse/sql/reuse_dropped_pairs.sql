-- reuse_dropped_pairs: stored reuse pairs that stop being candidates because the night made a
-- fingerprint they share common (past {rare} or {most} bodies) or furniture of their one
-- outlet (in {furniture} of its articles): their passages go
-- Each step reads only the holders of the fingerprints it is about (``night_fps``,
-- ``pair_fps``: one scan of the stored fingerprints each, small tables), not every stored
-- fingerprint again.
with night_fps as materialized (  -- every holder of a fingerprint the night brings
    select article_id, fingerprint from committed_reuse_fingerprints
    where fingerprint in (select fingerprint from new_fps)
    union all
    select article_id, fingerprint from new_fps
),
site_fps as (  -- every fingerprint of a fingerprint the night brings, with its outlet and age
    select f.article_id, f.fingerprint, a.outlet,
           f.article_id in (select article_id from new_fps) as is_new
    from night_fps f
    join all_articles a using (article_id)
),
risen as (
    select fingerprint from (
        select fingerprint, count(*) filter (where not is_new) as before, count(*) as after
        from site_fps group by fingerprint
    )
    where (before <= {rare} and after > {rare}) or (before <= {most} and after > {most})
    union
    select fingerprint from (
        select fingerprint, outlet, count(*) filter (where not is_new) as before,
               count(*) as after
        from site_fps where outlet is not null group by fingerprint, outlet
    )
    where before < {furniture} and after >= {furniture}
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
shared as materialized (
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
pair_fps as materialized (  -- every holder of a fingerprint an at-risk pair shares
    select article_id, fingerprint from committed_reuse_fingerprints
    where fingerprint in (select fingerprint from shared)
    union all
    select article_id, fingerprint from new_fps
    where fingerprint in (select fingerprint from shared)
),
furniture as (  -- (fingerprint, outlet): that site's boilerplate after the night
    select f.fingerprint, a.outlet from pair_fps f
    join all_articles a using (article_id)
    where a.outlet is not null
    group by f.fingerprint, a.outlet
    having count(*) >= {furniture}
),
counted as (  -- a fingerprint that is furniture of the pair's one outlet counts as common
    select s.article_a, s.article_b, s.fingerprint,
           case when oa.outlet = ob.outlet and exists (
                    select 1 from furniture u
                    where u.fingerprint = s.fingerprint and u.outlet = oa.outlet)
                then {most} + 1 else c.n end as n
    from shared s
    join at_risk using (article_a, article_b)
    join all_articles oa on oa.article_id = s.article_a
    join all_articles ob on ob.article_id = s.article_b
    join (select fingerprint, count(*) as n from pair_fps group by fingerprint) c
        using (fingerprint)
)
select article_a, article_b from counted
group by article_a, article_b
having not (coalesce(min(n) filter (where n <= {most}) <= {rare}, false)
            or count(*) filter (where n <= {most}) >= 2)
order by article_a, article_b
