package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/app/search"
)

// The search index lives in the same Badger store as the articles and is
// written in the same transaction, so it never disagrees with the data
// after a crash. Each indexed text gets a fresh document number; replacing
// or deleting a text only deletes its document record, so postings lists
// are append-only: a batch's postings are merged per term in memory and
// appended to the term's open (tail) block once per transaction.

// Writer collects one transaction's index changes. Texts are only
// queued as they are indexed: Flush numbers them, tokenises those not
// tokenised ahead (see prepare.go) on every core and writes all their
// postings as one segment.
type Writer struct {
	x       *Index
	txn     Txn
	pending []pendingDoc
	// prepared is the batch whose articles were tokenised before the
	// transaction, if any.
	prepared *Prepared
	added    []indexedDoc
	removed  []uint32
	// Similarity signatures set and dropped, for the signature table.
	signed   []signedArticle
	unsigned []uint64
}

type signedArticle struct {
	id  uint64
	sig compare.Signature
}

// pendingDoc is a text waiting for flush. local, when not 0, is its
// document number in the prepared batch's postings (draft index + 1):
// the text is tokenised and its postings encoded already.
type pendingDoc struct {
	n           uint32
	local       uint32
	doc         search.Doc
	title, body string
	// An article's similarity signature, made from the same tokens.
	sig    compare.Signature
	stems  []uint32
	hasSig bool
}

type indexedDoc struct {
	n   uint32
	doc search.Doc
}

// UsePrepared gives the writer the batch its articles were prepared in.
func (w *Writer) UsePrepared(p *Prepared) { w.prepared = p }

// Article is an article's text as indexed: its latest revision.
type Article struct {
	ID          uint64
	Title, Body string
	Outlet      string
	Date        int64 // Unix seconds: published, else imported
}

// IndexArticle makes a the article's live document. draft, when not 0,
// is the 1-based number of the prepared text a was made from (see
// Prepare); fresh says the article is new in this transaction, so it has
// no document to retire.
func (w *Writer) IndexArticle(a Article, draft int, fresh bool) error {
	d := search.Doc{Kind: search.ArticleDoc, ID: a.ID, Date: a.Date, Outlet: a.Outlet}
	if !fresh {
		if err := w.Remove(d.Kind, d.ID); err != nil {
			return err
		}
	}
	if draft > 0 && w.prepared != nil {
		if t := &w.prepared.docs[draft-1]; t.local != 0 {
			d.TitleLen, d.Len = t.doc.TitleLen, t.doc.Len
			w.pending = append(w.pending, pendingDoc{local: t.local, doc: d, sig: t.sig, stems: t.stems, hasSig: t.hasSig})
			return nil
		}
	}
	w.pending = append(w.pending, pendingDoc{doc: d, title: a.Title, body: a.Body})
	return nil
}

// IndexAnnotation makes annotation id's quote and note searchable
// (note:), as a passage of its article.
func (w *Writer) IndexAnnotation(id, article uint64, quote, note string) error {
	d := search.Doc{Kind: search.AnnotationDoc, ID: id, Article: article}
	if err := w.Remove(d.Kind, d.ID); err != nil {
		return err
	}
	w.pending = append(w.pending, pendingDoc{doc: d, title: quote, body: note})
	return nil
}

// IndexMemo makes memo id's text searchable (memo:), counting for the
// article it is about (0 for a project or tag memo: found by no article
// search, but rebuilt and checked like the rest).
func (w *Writer) IndexMemo(id, article uint64, text string) error {
	d := search.Doc{Kind: search.MemoDoc, ID: id, Article: article}
	if err := w.Remove(d.Kind, d.ID); err != nil {
		return err
	}
	w.pending = append(w.pending, pendingDoc{doc: d, body: text})
	return nil
}

// Remove retires the kind/id's live document, if it has one: a text
// queued earlier in this transaction, or the stored one.
func (w *Writer) Remove(kind search.DocKind, id uint64) error {
	for i := range w.pending {
		if p := &w.pending[i]; p.doc.Kind == kind && p.doc.ID == id {
			p.doc.Kind = 0 // a text indexed twice keeps only its last version
			return nil
		}
	}
	k := w.x.keys.docOf(byte(kind), id)
	var n uint32
	err := w.txn.Get(k, func(v []byte) error {
		if len(v) != 4 {
			return fmt.Errorf("corrupt document reference %x", k)
		}
		n = binary.BigEndian.Uint32(v)
		return nil
	})
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := w.txn.Delete(w.x.keys.doc(n)); err != nil {
		return err
	}
	if err := w.txn.Delete(k); err != nil {
		return err
	}
	w.removed = append(w.removed, n)
	if kind == search.ArticleDoc {
		if err := w.txn.Delete(w.x.keys.sig(id)); err != nil {
			return err
		}
		if err := w.txn.Delete(w.x.keys.sketch(id)); err != nil {
			return err
		}
		w.unsigned = append(w.unsigned, id)
	}
	return nil
}

// Flush numbers the queued texts, tokenises those not tokenised ahead,
// writes their document records and postings (one new segment) and saves
// the document counter. Call it once, last in the transaction.
func (w *Writer) Flush() error {
	prepared := make([]pendingDoc, 0, len(w.pending))
	var others []pendingDoc
	for _, p := range w.pending {
		switch {
		case p.doc.Kind == 0:
		case p.local != 0:
			prepared = append(prepared, p)
		default:
			others = append(others, p)
		}
	}
	if len(prepared)+len(others) == 0 {
		return nil
	}
	seq, err := getUint(w.txn, w.x.keys.docSeq())
	if err != nil {
		return err
	}
	// The prepared batch's draft i is document seq+i, so its postings
	// need no renumbering; the other texts come after it.
	span := 0
	if len(prepared) > 0 {
		span = len(w.prepared.docs)
	}
	if seq+uint64(span+len(others)) >= uint64(^uint32(0)) {
		return errors.New("search index is out of document numbers: run 'parallax-cli reindex'")
	}
	for i := range prepared {
		prepared[i].n = uint32(seq) + prepared[i].local
	}
	for i := range others {
		others[i].n = uint32(seq) + uint32(span+i+1)
	}
	if err := w.txn.Set(w.x.keys.docSeq(), binary.BigEndian.AppendUint64(nil, seq+uint64(span+len(others)))); err != nil {
		return err
	}
	// Tokenising fills in the other texts' lengths and signatures.
	parts := tokenizeOnCores(others)
	w.added = slices.Grow(w.added, len(prepared)+len(others))
	w.signed = slices.Grow(w.signed, len(prepared)+len(others))
	for _, list := range [][]pendingDoc{prepared, others} {
		for _, p := range list {
			if err := w.putDoc(p); err != nil {
				return err
			}
		}
	}
	if len(prepared) > 0 {
		if len(others) == 0 && len(prepared) == w.prepared.tokenised {
			return w.prepared.blocks.writeSegment(w.txn, w.x.keys, uint32(seq))
		}
		// Some prepared texts were dropped (duplicates, or revised again
		// in this batch), or other texts share the segment: decode.
		local, err := w.prepared.blocks.decode()
		if err != nil {
			return err
		}
		renumber := make([]uint32, len(w.prepared.docs)+1)
		for _, p := range prepared {
			renumber[p.local] = p.n
		}
		parts = append([]termPostings{local.renumbered(renumber)}, parts...)
	}
	return writeSegment(w.txn, w.x.keys, mergeTerms(parts))
}

// putDoc writes a numbered text's document records and signature.
func (w *Writer) putDoc(p pendingDoc) error {
	k := w.x.keys
	if err := w.txn.Set(k.docOf(byte(p.doc.Kind), p.doc.ID), binary.BigEndian.AppendUint32(nil, p.n)); err != nil {
		return err
	}
	if err := w.txn.Set(k.doc(p.n), encodeDoc(p.doc)); err != nil {
		return err
	}
	w.added = append(w.added, indexedDoc{p.n, p.doc})
	if p.hasSig {
		if err := w.txn.Set(k.sig(p.doc.ID), encodeSignature(&p.sig, p.stems)); err != nil {
			return err
		}
		sk := p.sig.Sketch()
		if err := w.txn.Set(k.sketch(p.doc.ID), encodeSketch(&sk)); err != nil {
			return err
		}
		w.signed = append(w.signed, signedArticle{p.doc.ID, p.sig})
	}
	return nil
}
