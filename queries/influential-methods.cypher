// Which papers introduce a method that at least N other papers use?
// @param min_users 3  least number of other papers mentioning the method
MATCH (p:Paper)-[:INTRODUCES]->(m:Method)<-[:MENTIONS]-(q:Paper)
WHERE q <> p
WITH p, m, count(DISTINCT q) AS users
WHERE users >= $min_users
RETURN p.title AS paper, m.name AS method, users
ORDER BY users DESC, paper, method
