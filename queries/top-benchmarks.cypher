// Which benchmarks and datasets do the most papers use?
// @param limit 20  how many to list
MATCH (p:Paper)-[:MENTIONS]->(b)
WHERE labels(b)[0] IN ['Benchmark', 'Dataset']
RETURN b.name AS benchmark, labels(b)[0] AS kind, count(DISTINCT p) AS papers
ORDER BY papers DESC, benchmark, kind
LIMIT $limit
