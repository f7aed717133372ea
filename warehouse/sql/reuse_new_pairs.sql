-- reuse_new_pairs: pairs with one of the night's articles that text reuse must align: they
-- share a fingerprint found in at most {rare} bodies, or two found in at most {most}; a
-- fingerprint in {furniture} or more articles of one outlet pairs no two articles of it
-- Every step reads only the holders of the night's fingerprints (``night_fps``: one scan of the
-- stored ones, a small table), not every stored fingerprint again.
with night_fps as materialized (
    select article_id, fingerprint from committed_reuse_fingerprints
    where fingerprint in (select fingerprint from new_fps)
    union all
    select article_id, fingerprint from new_fps
),
counts as (
    select fingerprint, count(*) as n from night_fps
    group by fingerprint
),
furniture as (  -- (fingerprint, outlet): that site's boilerplate
    select f.fingerprint, a.outlet from night_fps f
    join all_articles a using (article_id)
    where a.outlet is not null
    group by f.fingerprint, a.outlet
    having count(*) >= {furniture}
),
shared as (
    select least(x.article_id, y.article_id) as article_a,
           greatest(x.article_id, y.article_id) as article_b, x.fingerprint, c.n
    from new_fps x
    join night_fps y on y.fingerprint = x.fingerprint and y.article_id <> x.article_id
    join counts c on c.fingerprint = x.fingerprint
    join all_articles ax on ax.article_id = x.article_id
    join all_articles ay on ay.article_id = y.article_id
    where c.n <= {most}
      and not (coalesce(ax.outlet = ay.outlet, false) and exists (
          select 1 from furniture u where u.fingerprint = x.fingerprint and u.outlet = ax.outlet))
)
select article_a, article_b from shared
group by article_a, article_b
having min(n) <= {rare} or count(distinct fingerprint) >= 2
order by article_a, article_b
