-- The sampling rate the edge applied: per week, the events that could be sampled (not excluded by consent) at
-- each rate. Estimates from the sample scale by 1 / rate (fields "rate" U+001F "<rate>" of the "s:" scopes).
CREATE VIEW sampling_rates AS
SELECT substr(scope, 3) AS week,
       split_part(field, chr(31), 2)::double precision AS rate,
       value AS events
FROM counters
WHERE scope LIKE 's:%' AND field LIKE 'rate' || chr(31) || '%';
