// Which models (and methods) are evaluated on which benchmarks and datasets?
// @param model ""  only this model or method name; empty for all
MATCH (m)-[r:EVALUATED_ON]->(b)
WHERE $model = '' OR m.name = $model
RETURN m.name AS model, b.name AS benchmark, labels(b)[0] AS kind, r.count AS sentences
ORDER BY model, benchmark, kind
