package index

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/internal/testenv"
)

// BenchmarkTokenizeDocs tokenises the BBC corpus in batches of 256 on
// one core, as one index worker does: the largest share of indexing.
func BenchmarkTokenizeDocs(b *testing.B) {
	var docs []pendingDoc
	bytes := 0
	for _, f := range testenv.BBC(b) {
		title, body, _ := strings.Cut(f.Text, "\n")
		docs = append(docs, pendingDoc{n: uint32(len(docs) + 1), doc: search.Doc{Kind: search.ArticleDoc}, title: title, body: body})
		bytes += len(f.Text)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for range b.N {
		for i := 0; i < len(docs); i += 256 {
			tokenizeDocs(docs[i:min(i+256, len(docs))])
		}
	}
}

// BenchmarkPrepareBBC prepares the BBC corpus in batches of 256 as an
// import does before each transaction: tokenised on every core, the
// workers' postings merged and encoded.
func BenchmarkPrepareBBC(b *testing.B) {
	var docs []pendingDoc
	bytes := 0
	for _, f := range testenv.BBC(b) {
		title, body, _ := strings.Cut(f.Text, "\n")
		docs = append(docs, pendingDoc{doc: search.Doc{Kind: search.ArticleDoc}, title: title, body: body})
		bytes += len(f.Text)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for range b.N {
		for i := 0; i < len(docs); i += 256 {
			batch := docs[i:min(i+256, len(docs))]
			for k := range batch {
				batch[k].n, batch[k].local = uint32(k+1), uint32(k+1)
			}
			prepareBlocks(batch)
		}
	}
}
