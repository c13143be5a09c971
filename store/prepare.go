package store

import (
	"errors"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/store/index"
)

// A bulk import is mostly tokenising, and tokenising needs nothing from
// the transaction but the document numbers, which only shift. So a batch
// is tokenised and its postings encoded before its transaction, as if its
// drafts were documents 1…n; the transaction numbers draft i as the
// counter plus i, which changes only the first document number of each
// term's block (drafts found to be duplicates leave their numbers
// unused). The importer prepares the next batch on every core while the
// store writes this one.

// preparedBatch is a batch of drafts with their records encoded and
// their texts tokenised.
type preparedBatch struct {
	drafts  []app.Draft
	records []draftRecord   // by draft
	idx     *index.Prepared // draft i is the index's prepared text i+1
	done    chan struct{}   // closed once prepared
	// unmarked: the texts came from the team, which need not hear of them
	unmarked bool
}

func (p *preparedBatch) Drafts() []app.Draft { return p.drafts }

// prepare fills in the drafts' hashes and word counts and encodes their
// records, then tokenises the texts not already stored, on every core.
func (s *Store) prepare(p *preparedBatch) {
	p.records = prepareDrafts(p.drafts)
	texts := make([]*index.Text, len(p.drafts))
	// A text already stored is a duplicate: not worth tokenising (a
	// re-import of a folder is all duplicates). The transaction decides.
	s.db.View(func(txn *badger.Txn) error {
		for i := range p.drafts {
			d := &p.drafts[i]
			if _, err := txn.Get(hashKey(d.Hash)); errors.Is(err, badger.ErrKeyNotFound) {
				texts[i] = &index.Text{Title: d.Title, Body: d.Body}
			}
		}
		return nil
	})
	p.idx = index.Prepare(texts)
}
