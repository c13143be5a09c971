package app

import (
	"fmt"

	"github.com/parallax-news/parallax/app/anchor"
)

// Reanchor carries an article's annotations over to its new revision rev.
// body returns the text of an earlier revision (each is asked for once).
// Nothing is dropped: an annotation that cannot be found is marked
// orphaned and keeps the revision it was made on; one that is found
// records where it was before in its history. It returns the annotations
// changed, in the order given, and counts them by status. An annotation
// found Fuzzy has a changed quote, which a search index must learn.
func Reanchor(annos []Annotation, rev Revision, body func(revision int) (string, error)) ([]Annotation, map[anchor.Status]int, error) {
	if len(annos) == 0 {
		return nil, nil, nil
	}
	newText := anchor.NewText(rev.Body)
	movers := map[int]*anchor.Mover{}
	counts := map[anchor.Status]int{}
	out := make([]Annotation, 0, len(annos))
	for _, a := range annos {
		m := movers[a.Revision]
		if m == nil {
			old, err := body(a.Revision)
			if err != nil {
				return nil, nil, fmt.Errorf("annotation %d: revision %d: %w", a.ID, a.Revision, err)
			}
			m = anchor.NewMover(anchor.NewText(old), newText)
			movers[a.Revision] = m
		}
		r := m.Anchor(a.Selector)
		counts[r.Status]++
		if r.Status == anchor.Orphaned {
			a.Status = anchor.Orphaned
		} else {
			a.History = append(a.History, Anchoring{Revision: a.Revision, Start: a.Start, End: a.End, Quote: a.Quote, Status: a.Status})
			a.Revision, a.Selector, a.Status = rev.Number, r.Selector, r.Status
		}
		out = append(out, a)
	}
	return out, counts, nil
}
