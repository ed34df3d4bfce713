// Which papers mention a given entity (model, method, dataset or benchmark)?
// @param name "GPT-4o"  entity name, or one of its aliases
MATCH (p:Paper)-[:MENTIONS]->(e)
WHERE e.name = $name OR $name IN e.aliases
RETURN e.name AS entity, p.title AS paper, p.listing_dates AS listed
ORDER BY entity, paper
