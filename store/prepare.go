package store

import (
	"errors"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/search"
)

// A bulk import is mostly tokenising, and tokenising needs nothing from
// the transaction but the document numbers, which only shift. So a batch
// is tokenised before its transaction, as if its drafts were documents
// 1…n, and the transaction renumbers the postings it keeps: the importer
// prepares the next batch on every core while the store writes this one.

// preparedBatch is a batch of drafts with their texts tokenised.
type preparedBatch struct {
	drafts []app.Draft
	done   chan struct{}
	// docs[i] is draft i's document: local is i+1 once tokenised, 0 for
	// a draft skipped as a known duplicate.
	docs  []pendingDoc
	parts []termPostings
}

func (p *preparedBatch) Drafts() []app.Draft { return p.drafts }

// PrepareIngest implements app.BatchPreparer: it hashes and tokenises the
// drafts in the background. The caller must not touch them until
// IngestPrepared returns.
// Batches are prepared one after another, each on every core, so the
// oldest, which the writer waits for, is ready first.
func (s *Store) PrepareIngest(drafts []app.Draft) app.PreparedBatch {
	p := &preparedBatch{drafts: drafts, done: make(chan struct{})}
	s.prepMu.Lock()
	before := s.lastPrepared
	s.lastPrepared = p.done
	s.prepMu.Unlock()
	go func() {
		defer close(p.done)
		if before != nil {
			<-before
		}
		s.prepare(p)
	}()
	return p
}

// IngestPrepared implements app.BatchPreparer: Ingest of the prepared
// drafts, without tokenising them again.
func (s *Store) IngestPrepared(b app.PreparedBatch) ([]app.Stored, error) {
	p, ok := b.(*preparedBatch)
	if !ok {
		return nil, app.Errorf(app.EINTERNAL, "a batch prepared by another store was given to %s", s.dir)
	}
	<-p.done
	return s.ingest(p)
}

// prepare fills in the drafts' hashes and word counts, then tokenises the
// texts not already stored, on every core.
func (s *Store) prepare(p *preparedBatch) {
	hashDrafts(p.drafts)
	p.docs = make([]pendingDoc, len(p.drafts))
	var texts []pendingDoc
	// A text already stored is a duplicate: not worth tokenising (a
	// re-import of a folder is all duplicates). The transaction decides.
	s.db.View(func(txn *badger.Txn) error {
		for i := range p.drafts {
			d := &p.drafts[i]
			if _, err := txn.Get(hashKey(d.Hash)); !errors.Is(err, badger.ErrKeyNotFound) {
				continue
			}
			texts = append(texts, pendingDoc{n: uint32(i + 1), local: uint32(i + 1), doc: search.Doc{Kind: search.ArticleDoc}, title: d.Title, body: d.Body})
		}
		return nil
	})
	p.parts = tokenizeOnCores(texts)
	for _, t := range texts {
		t.title, t.body = "", ""
		p.docs[t.local-1] = t
	}
}

// renumbered is the postings with document n renumbered to renumber[n],
// and without the documents renumbered to 0. The receiver is unchanged:
// a transaction retried after a conflict renumbers again.
func (tp termPostings) renumbered(renumber []uint32) termPostings {
	out := termPostings{terms: tp.terms, lists: make([]postings, len(tp.lists))}
	total := 0
	for _, l := range tp.lists {
		total += len(l.docs)
	}
	docs := make([]uint32, 0, total)
	var freqs, pos []uint32 // only when a document is dropped
	dropped := false
	for _, l := range tp.lists {
		for _, d := range l.docs {
			if renumber[d] == 0 {
				dropped = true
			}
		}
	}
	if dropped {
		freqs = make([]uint32, 0, total)
		kept := out.terms[:0:0]
		lists := out.lists[:0]
		for i, l := range tp.lists {
			from, posFrom, k := len(docs), len(pos), 0
			for j, d := range l.docs {
				f := int(l.freqs[j])
				if n := renumber[d]; n != 0 {
					docs = append(docs, n)
					freqs = append(freqs, l.freqs[j])
					pos = append(pos, l.pos[k:k+f]...)
				}
				k += f
			}
			if len(docs) > from {
				kept = append(kept, tp.terms[i])
				lists = append(lists, postings{docs: docs[from:len(docs):len(docs)], freqs: freqs[from:len(freqs):len(freqs)], pos: pos[posFrom:len(pos):len(pos)]})
			}
		}
		out.terms, out.lists = kept, lists
		return out
	}
	for i, l := range tp.lists {
		from := len(docs)
		for _, d := range l.docs {
			docs = append(docs, renumber[d])
		}
		out.lists[i] = postings{docs: docs[from:len(docs):len(docs)], freqs: l.freqs, pos: l.pos}
	}
	return out
}
