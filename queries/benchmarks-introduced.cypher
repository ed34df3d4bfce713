// Which benchmarks were introduced, in which paper, and by whom?
MATCH (p:Paper)-[:INTRODUCES]->(b:Benchmark)
RETURN b.name AS benchmark, p.title AS paper, p.authors AS authors
ORDER BY benchmark, paper
