// Which pairs of models are evaluated on the same benchmarks (head-to-head candidates)?
// @param min_shared 1  least number of shared benchmarks
// @param limit 100  how many pairs to list, most shared first
MATCH (m:Model)-[:EVALUATED_ON]->(b)
WITH b, collect(m.name) AS names
UNWIND names AS model
UNWIND names AS other
WITH model, other
WHERE model < other
WITH model, other, count(*) AS shared
WHERE shared >= $min_shared
RETURN model, other, shared
ORDER BY shared DESC, model, other
LIMIT $limit
