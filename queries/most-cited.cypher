// Which papers are cited (built on) by the most other papers?
// @param limit 20  how many papers to list
MATCH (c:Paper)-[:CITES]->(p:Paper)
RETURN p.title AS paper, count(DISTINCT c) AS cited_by
ORDER BY cited_by DESC, paper
LIMIT $limit
