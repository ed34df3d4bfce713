// Which entities have a name starting with or containing some text?
// @param text "llama"  text to look for (case-insensitive)
MATCH (e)
WHERE e.name IS NOT NULL AND (toLower(e.name) STARTS WITH toLower($text) OR toLower(e.name) CONTAINS toLower($text))
RETURN e.name AS entity, labels(e)[0] AS kind, e.paper_count AS papers
ORDER BY papers DESC, entity, kind
