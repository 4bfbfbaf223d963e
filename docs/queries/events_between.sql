-- Events between two actors, in either direction (not negated), one row per event.
-- Set the pair first: SET VARIABLE a = 'khalifa_haftar'; SET VARIABLE b = 'turkey';
SET VARIABLE a = coalesce(getvariable('a'), 'government_of_national_accord');
SET VARIABLE b = coalesce(getvariable('b'), 'libyan_national_army');

SELECT path, e.code, e.label, e.date,
       CASE WHEN list_contains(e.source, getvariable('a')) THEN 'a -> b' ELSE 'b -> a' END AS direction
FROM articles, unnest(events) AS t(e)
WHERE NOT e.negated
  AND ((list_contains(e.source, getvariable('a')) AND list_contains(e.target, getvariable('b')))
    OR (list_contains(e.source, getvariable('b')) AND list_contains(e.target, getvariable('a'))))
ORDER BY path, e.code, direction;
