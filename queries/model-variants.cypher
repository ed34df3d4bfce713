// Which model variants derive from which base model (up to three VARIANT_OF steps)?
// @param base ""  only this base model name; empty for all
MATCH (v:Model)-[:VARIANT_OF*1..3]->(b:Model)
WHERE $base = '' OR b.name = $base
RETURN DISTINCT b.name AS base, v.name AS variant
ORDER BY base, variant
