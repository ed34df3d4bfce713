// Which models are mentioned by the most papers?
// @param limit 20  how many models to list
MATCH (p:Paper)-[:MENTIONS]->(m:Model)
RETURN m.name AS model, count(DISTINCT p) AS papers
ORDER BY papers DESC, model
LIMIT $limit
