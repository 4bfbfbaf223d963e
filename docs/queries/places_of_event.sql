-- Where one kind of event happens: the places attached to events whose CAMEO code starts with
-- `code` ('19' = fight, '0871' = declare ceasefire), not negated, counted per place.
SET VARIABLE code = coalesce(getvariable('code'), '19');

WITH hits AS (
    SELECT path, unnest(e.places) AS place
    FROM articles, unnest(events) AS t(e)
    WHERE starts_with(e.code, getvariable('code')) AND NOT e.negated
),
names AS (
    SELECT DISTINCT p.id, p.name, p.name_ar, p.country, p.lat, p.lon
    FROM articles, unnest(places) AS t(p)
)
SELECT place AS id, n.name, n.name_ar, n.country, n.lat, n.lon, count(*) AS events, count(DISTINCT path) AS articles
FROM hits LEFT JOIN names AS n ON n.id = hits.place
GROUP BY ALL
ORDER BY events DESC, id;
