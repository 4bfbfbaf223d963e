-- Top actors by publication month: for each month, the actors named in the most articles
-- (ties broken by mentions, then id). Articles without a publication date fall in 'undated'
-- (give them one with a sidecar <stem>.json or scan --reference-date).
SET VARIABLE top = coalesce(getvariable('top'), 5);

WITH per_article AS (
    SELECT coalesce(strftime(published, '%Y-%m'), 'undated') AS month, path, a.id, a.name, len(a.mentions) AS mentions
    FROM articles, unnest(actors) AS t(a)
)
-- A new: actor's name is its first spelling, as in the scan's summary: the smallest path's.
SELECT month, id, arg_min(name, path) AS name, count(*) AS articles, sum(mentions)::BIGINT AS mentions
FROM per_article
GROUP BY month, id
QUALIFY row_number() OVER (PARTITION BY month ORDER BY count(*) DESC, sum(mentions) DESC, id) <= getvariable('top')
ORDER BY month, articles DESC, mentions DESC, id;
