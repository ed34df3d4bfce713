// What is most often named in the same papers as a given entity?
// @param name "GPT-4o"  entity name (exact, as shown by citegraph info)
// @param limit 20  how many neighbours to list
MATCH (e)-[r:CO_MENTIONED]-(o)
WHERE e.name = $name
RETURN o.name AS entity, labels(o)[0] AS kind, r.papers AS papers
ORDER BY papers DESC, entity, kind
LIMIT $limit
