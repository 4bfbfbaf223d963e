-- The article records of JSONL scan outputs, typed: one row per article.
-- Every other query in this folder reads this view. Run this file first.
--
-- Why not `SELECT * FROM read_json_auto('out/*.jsonl')` directly: the stream mixes three record
-- shapes (article, error, summary) and read_json_auto infers one schema from a sample, so the
-- type of a column like `events` changes with the size of the file (a typed list on big outputs,
-- JSON on small ones). Reading each line as a JSON object, keeping the articles and giving them
-- a fixed type makes every query below work on any output, one scan or many shards.
SET VARIABLE jsonl = coalesce(getvariable('jsonl'), 'out/*.jsonl');

CREATE OR REPLACE VIEW articles AS
WITH records AS (
    SELECT json
    FROM read_json_objects(getvariable('jsonl'), format = 'newline_delimited')
    WHERE json ->> 'type' = 'article'
)
SELECT
    json ->> 'path' AS path,
    json ->> 'id' AS id,
    json ->> 'sha256' AS sha256,
    json ->> 'title' AS title,
    -- Publication date: dateline, sidecar <stem>.json or --reference-date; NULL when none.
    TRY_CAST(json ->> '$.published.value' AS DATE) AS published,
    from_json(json -> 'actors', '[{"id": "VARCHAR", "name": "VARCHAR", "name_ar": "VARCHAR", "type": "VARCHAR",
        "known": "BOOLEAN", "code": "VARCHAR", "mentions": [{"text": "VARCHAR", "start": "BIGINT", "end": "BIGINT"}]}]') AS actors,
    from_json(json -> 'places', '[{"id": "VARCHAR", "name": "VARCHAR", "name_ar": "VARCHAR", "kind": "VARCHAR",
        "country": "VARCHAR", "lat": "DOUBLE", "lon": "DOUBLE", "mentions": [{"text": "VARCHAR", "start": "BIGINT", "end": "BIGINT"}]}]') AS places,
    from_json(json -> 'dates', '[{"text": "VARCHAR", "type": "VARCHAR", "value": "VARCHAR", "mod": "VARCHAR", "anchored": "BOOLEAN"}]') AS dates,
    from_json(json -> 'events', '[{"code": "VARCHAR", "root": "VARCHAR", "label": "VARCHAR", "plover": "VARCHAR",
        "source": ["VARCHAR"], "target": ["VARCHAR"], "places": ["VARCHAR"], "date": "VARCHAR", "negated": "BOOLEAN"}]') AS events
FROM records;
