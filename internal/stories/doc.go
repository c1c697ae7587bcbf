// Package stories groups the copies of a wire story: MinHash signatures of article bodies
// (MinHash), their LSH band keys and estimated similarity, and the in-memory table that
// assigns the stories of a bulk build (Table). Package index stores the signatures and band
// keys and assigns the stories of online writes by searching them; this package knows
// nothing of Bleve.
package stories
