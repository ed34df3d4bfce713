// Which papers does a given paper build on, directly or through up to three CITES steps?
// @param paper "WebRL"  paper id, or part of its title (case-insensitive)
MATCH (p:Paper)-[:CITES*1..3]->(q:Paper)
WHERE (p.id = $paper OR toLower(p.title) CONTAINS toLower($paper)) AND q <> p
RETURN DISTINCT p.title AS paper, q.title AS builds_on
ORDER BY paper, builds_on
