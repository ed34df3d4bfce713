// Validate Cypher with Neo4j's own parser (@neo4j-cypher/language-support, pinned in package.json).
// stdin: {"schema": {labels, relationshipTypes, propertyKeys, ...}, "queries": ["MATCH ...", ...]}
// stdout: [{"index": i, "diagnostics": [{"severity": 1|2|..., "message": "...", "offset": {...}}]}]
// severity 1 = error, 2 = warning (LSP DiagnosticSeverity).
const { lintCypherQuery } = require('@neo4j-cypher/language-support');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const { schema, queries } = JSON.parse(input);
  const out = queries.map((query, index) => {
    const { diagnostics } = lintCypherQuery(query, schema || {});
    return {
      index,
      diagnostics: diagnostics.map((d) => ({ severity: d.severity, message: d.message, offsets: d.offsets })),
    };
  });
  process.stdout.write(JSON.stringify(out));
});
