package main

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/mattn/go-sqlite3" // build with -tags sqlite_fts5

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/store"
)

// parallaxEngine stores and indexes articles as the importer does: in
// transactions of 256 drafts, text, metadata and index together, batches
// prepared (tokenised) two ahead of the one being written. Indexing ends when
// everything is durable and searchable; the segment merges still running
// then are timed apart (merged).
type parallaxEngine struct {
	st     *store.Store
	merged time.Duration
}

func (e *parallaxEngine) index(dir string, docs []doc) error {
	st, err := store.Open(dir)
	if err != nil {
		return err
	}
	e.st = st
	imp := st.BeginImport()
	var queue []app.PreparedBatch
	var writing chan error
	write := func() error {
		if writing != nil {
			if err := <-writing; err != nil {
				return err
			}
		}
		next := queue[0]
		queue = queue[1:]
		writing = make(chan error, 1)
		go func() {
			_, err := imp.Write(next)
			writing <- err
		}()
		return nil
	}
	for i := 0; i < len(docs); i += 256 {
		var batch []app.Draft
		for _, d := range docs[i:min(i+256, len(docs))] {
			batch = append(batch, app.Draft{Meta: app.Meta{Title: d.Title, Outlet: d.Outlet, URL: "https://bench.example/" + strconv.Itoa(d.ID)}, Body: d.Body})
		}
		queue = append(queue, imp.Prepare(batch))
		if len(queue) > 2 {
			if err := write(); err != nil {
				return err
			}
		}
	}
	for len(queue) > 0 {
		if err := write(); err != nil {
			return err
		}
	}
	if writing != nil {
		if err := <-writing; err != nil {
			imp.End()
			return err
		}
	}
	return imp.End()
}

// finishMerges waits for the background merges, timing the wait.
func (e *parallaxEngine) finishMerges() error {
	t := time.Now()
	err := e.st.FinishMerges(context.Background())
	e.merged = time.Since(t)
	return err
}

func (e *parallaxEngine) mergeWait() time.Duration { return e.merged }

func (e *parallaxEngine) run(q string, limit int) (int, error) {
	n, err := search.Parse(q)
	if err != nil {
		return 0, err
	}
	var total int
	err = e.st.SearchIndex(func(ix search.Index) error {
		_, total, err = search.Evaluate(ix, n, limit)
		return err
	})
	return total, err
}

func (e *parallaxEngine) similar(id uint64) error {
	_, err := e.st.SimilarArticles(app.ArticleID(id), 10)
	return err
}

func (e *parallaxEngine) search(q string, limit int) error { _, err := e.run(q, limit); return err }
func (e *parallaxEngine) count(q string) (int, error)      { return e.run(q, 0) }
func (e *parallaxEngine) close() error                     { return e.st.Close() }

// fts5Engine is SQLite FTS5 with its Unicode tokenizer and diacritics
// removed, storing the text as Parallax does, ranked by its bm25.
type fts5Engine struct{ db *sql.DB }

func (e *fts5Engine) index(dir string, docs []doc) error {
	db, err := sql.Open("sqlite3", dir+"/fts.db")
	if err != nil {
		return err
	}
	e.db = db
	if _, err := db.Exec(`CREATE VIRTUAL TABLE docs USING fts5(title, body, outlet UNINDEXED, tokenize='unicode61 remove_diacritics 2')`); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	ins, err := tx.Prepare(`INSERT INTO docs(rowid, title, body, outlet) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if _, err := ins.Exec(d.ID, d.Title, d.Body, d.Outlet); err != nil {
			return err
		}
	}
	ins.Close()
	return tx.Commit()
}

func (e *fts5Engine) search(q string, limit int) error {
	rows, err := e.db.Query(`SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?`, q, limit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (e *fts5Engine) count(q string) (int, error) {
	var n int
	err := e.db.QueryRow(`SELECT count(*) FROM docs WHERE docs MATCH ?`, q).Scan(&n)
	return n, err
}

func (e *fts5Engine) close() error { return e.db.Close() }

// bleveEngine is Bleve with its default (standard) analyzer.
type bleveEngine struct{ ix bleve.Index }

func (e *bleveEngine) index(dir string, docs []doc) error {
	ix, err := bleve.New(dir+"/bleve", bleve.NewIndexMapping())
	if err != nil {
		return err
	}
	e.ix = ix
	b := ix.NewBatch()
	for _, d := range docs {
		if err := b.Index(strconv.Itoa(d.ID), map[string]any{"title": d.Title, "body": d.Body, "outlet": d.Outlet}); err != nil {
			return err
		}
		if b.Size() >= 1000 {
			if err := ix.Batch(b); err != nil {
				return err
			}
			b = ix.NewBatch()
		}
	}
	return ix.Batch(b)
}

func (e *bleveEngine) run(q string, limit int) (int, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q), limit, 0, false)
	res, err := e.ix.Search(req)
	if err != nil {
		return 0, fmt.Errorf("bleve %q: %w", q, err)
	}
	return int(res.Total), nil
}

func (e *bleveEngine) search(q string, limit int) error { _, err := e.run(q, limit); return err }
func (e *bleveEngine) count(q string) (int, error)      { return e.run(q, 1) }
func (e *bleveEngine) close() error                     { return e.ix.Close() }
