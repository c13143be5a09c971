package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/internal/testenv"
)

// BenchmarkTokenizeDocs tokenises the BBC corpus in batches of 256 on
// one core, as one index worker does: the largest share of indexing.
func BenchmarkTokenizeDocs(b *testing.B) {
	root := testenv.Data(b, "news-corpus", "bbc")
	var docs []pendingDoc
	bytes := 0
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		title, body, _ := strings.Cut(strings.ToValidUTF8(string(data), "�"), "\n")
		docs = append(docs, pendingDoc{n: uint32(len(docs) + 1), doc: search.Doc{Kind: search.ArticleDoc}, title: title, body: body})
		bytes += len(data)
		return nil
	})
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for range b.N {
		for i := 0; i < len(docs); i += 256 {
			tokenizeDocs(docs[i:min(i+256, len(docs))])
		}
	}
}
