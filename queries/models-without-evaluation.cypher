// How many benchmarks is each model evaluated on (zero included), most mentioned models first?
// @param limit 50  how many models to list
MATCH (m:Model)
OPTIONAL MATCH (m)-[:EVALUATED_ON]->(b)
RETURN m.name AS model, m.paper_count AS papers, count(b) AS benchmarks
ORDER BY papers DESC, model
LIMIT $limit
