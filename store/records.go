package store

import (
	"encoding/json"
	"runtime"
	"strconv"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
)

// An import's writer, the one goroutine every batch waits for, spent a
// tenth of its time encoding drafts' metadata as JSON (twice each: in
// the article record and in the revision's) and normalising their URLs
// and titles. None of that depends on what the store holds, so it is
// done while the batch is prepared, on every core; the transaction only
// splices in what it decides (the article's ID, revision number, tags).

// draftRecord is what a draft's records need that nothing in the store
// can change.
type draftRecord struct {
	meta       []byte // the draft's Meta as JSON; nil if it has no JSON form
	url, title string // its app.URLKey and app.TitleKey
}

// prepareDrafts fills in the drafts' missing hashes and word counts (the
// importer does both as it parses; other callers may not) and encodes
// their records, on every core.
func prepareDrafts(drafts []app.Draft) []draftRecord {
	records := make([]draftRecord, len(drafts))
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(1, len(drafts)/8))
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; i < len(drafts); i += workers {
				d := &drafts[i]
				switch {
				case d.Hash == "" && d.Words == 0:
					d.Hash, d.Words = app.HashAndCount(d.Title, d.Body)
				case d.Hash == "":
					d.Hash = app.ContentHash(d.Title, d.Body)
				case d.Words == 0 && d.Body != "":
					d.Words = app.CountWords(d.Body)
				}
				r := &records[i]
				r.url, r.title = app.URLKey(d.URL), app.TitleKey(d.Outlet, d.Title)
				if meta, err := json.Marshal(d.Meta); err == nil && len(meta) > 2 {
					r.meta = meta // the writer reports the error, if any, as before
				}
			}
		}()
	}
	wg.Wait()
	return records
}

// The splices below write exactly what json.Marshal writes for an
// app.Article and for an app.Revision without its body: an embedded
// struct's fields follow the outer ones, and Meta always has fields
// (title, imported and hash have no omitempty).

// encodeArticle is json.Marshal(head), given head.Meta's JSON.
func encodeArticle(head app.Article, meta []byte) ([]byte, error) {
	b := make([]byte, 0, len(meta)+64)
	b = append(b, `{"id":`...)
	b = strconv.AppendUint(b, uint64(head.ID), 10)
	b = append(b, `,"revisions":`...)
	b = strconv.AppendInt(b, int64(head.Revisions), 10)
	if len(head.Tags) > 0 {
		tags, err := json.Marshal(head.Tags)
		if err != nil {
			return nil, err
		}
		b = append(b, `,"tags":`...)
		b = append(b, tags...)
	}
	b = append(b, ',')
	return append(b, meta[1:]...), nil
}

// setDraftArticle stores the head of an article whose latest text is a
// prepared draft.
func setDraftArticle(txn *badger.Txn, head app.Article, r *draftRecord) error {
	if r.meta == nil {
		return setJSON(txn, articleKey(head.ID), head)
	}
	b, err := encodeArticle(head, r.meta)
	if err != nil {
		return err
	}
	return txn.Set(articleKey(head.ID), b)
}

// revisionMetaJSON is json.Marshal of revision number n of a text with
// this Meta JSON, and an empty body.
func revisionMetaJSON(n int, meta []byte) []byte {
	b := make([]byte, 0, len(meta)+32)
	b = append(b, `{"revision":`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, ',')
	b = append(b, meta[1:len(meta)-1]...)
	return append(b, `,"body":""}`...)
}
