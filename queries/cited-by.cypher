// What cites (builds on) a given paper? CITES come from inferred mentions or reference lists.
// @param paper "WebRL"  paper id, or part of its title (case-insensitive)
MATCH (c:Paper)-[r:CITES]->(p:Paper)
WHERE p.id = $paper OR toLower(p.title) CONTAINS toLower($paper)
RETURN p.title AS cited, c.title AS citing, r.source AS source
ORDER BY cited, citing, source
