// Which pairs of models are evaluated on the same benchmarks (head-to-head candidates)?
// @param min_shared 1  least number of shared benchmarks
MATCH (a:Model)-[:EVALUATED_ON]->(b)<-[:EVALUATED_ON]-(c:Model)
WHERE a.name < c.name
WITH a, c, count(DISTINCT b) AS shared
WHERE shared >= $min_shared
RETURN a.name AS model, c.name AS other, shared
ORDER BY shared DESC, model, other
