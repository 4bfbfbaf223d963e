-- Articles per outlet. The records carry no outlet field, so the outlet is derived from the
-- path: the folder that holds the file (keep drops as drops/<outlet>/<article>.txt). Articles
-- passed as bare file names fall in '.'.
SELECT coalesce(nullif(regexp_extract(path, '([^/]+)/[^/]*$', 1), ''), '.') AS outlet,
       count(*) AS articles,
       count(published) AS dated,
       min(published) AS first_published,
       max(published) AS last_published
FROM articles
GROUP BY outlet
ORDER BY articles DESC, outlet;
