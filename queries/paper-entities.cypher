// What does a paper mention and introduce?
// @param paper "WebRL"  paper id, or part of its title (case-insensitive)
MATCH (p:Paper)-[r:MENTIONS]->(e)
WHERE p.id = $paper OR toLower(p.title) CONTAINS toLower($paper)
OPTIONAL MATCH (p)-[i:INTRODUCES]->(e)
RETURN p.title AS paper, labels(e)[0] AS kind, e.name AS entity, r.count AS mentions, i IS NOT NULL AS introduced
ORDER BY paper, kind, entity
