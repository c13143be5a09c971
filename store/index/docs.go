package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/parallax-news/parallax/app/search"
)

// encodeDoc: kind(1) uvarint id, article, title length, length; varint
// date; then the outlet's bytes.
func encodeDoc(d search.Doc) []byte {
	b := make([]byte, 0, 24+len(d.Outlet))
	b = append(b, byte(d.Kind))
	b = binary.AppendUvarint(b, d.ID)
	b = binary.AppendUvarint(b, d.Article)
	b = binary.AppendUvarint(b, uint64(d.TitleLen))
	b = binary.AppendUvarint(b, uint64(d.Len))
	b = binary.AppendVarint(b, d.Date)
	return append(b, d.Outlet...)
}

func decodeDoc(b []byte) (search.Doc, error) {
	var d search.Doc
	if len(b) < 1 {
		return d, errors.New("corrupt document record")
	}
	d.Kind = search.DocKind(b[0])
	b = b[1:]
	var vals [4]uint64
	for i := range vals {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			return d, errors.New("corrupt document record")
		}
		vals[i] = v
		b = b[k:]
	}
	date, k := binary.Varint(b)
	if k <= 0 {
		return d, errors.New("corrupt document record")
	}
	d.ID, d.Article, d.TitleLen, d.Len, d.Date = vals[0], vals[1], uint32(vals[2]), uint32(vals[3]), date
	d.Outlet = string(b[k:])
	return d, nil
}

// docTable is the live documents, held in memory once a search needs
// them and kept current after every committed index change. A search
// reads a document for every posting it scores, so they are held packed
// in fixed pages (no copy as the table grows, 40 bytes a document) with
// their outlets interned; an article's document number is read from the
// store when asked for (View.ArticleDoc), which is rare.
type docTable struct {
	mu       sync.RWMutex
	loaded   bool
	pages    [][]docEntry // by document number, docPage a page
	outlets  []string     // by outlet number; 0 is ""
	outletOf map[string]uint32
	articles int
	totalLen int64
}

// docEntry is a search.Doc with its outlet interned; kind 0: not live.
type docEntry struct {
	id, article     uint64
	date            int64
	titleLen, words uint32
	outlet          uint32
	kind            search.DocKind
}

const docPage = 1 << 16

// entry returns document n's slot, or nil past the table's end.
func (t *docTable) entry(n uint32) *docEntry {
	p := int(n / docPage)
	if p >= len(t.pages) {
		return nil
	}
	return &t.pages[p][n%docPage]
}

// doc returns document n, if live.
func (t *docTable) doc(n uint32) (search.Doc, bool) {
	e := t.entry(n)
	if e == nil || e.kind == 0 {
		return search.Doc{}, false
	}
	return search.Doc{Kind: e.kind, ID: e.id, Article: e.article, TitleLen: e.titleLen, Len: e.words,
		Date: e.date, Outlet: t.outlets[e.outlet]}, true
}

func (t *docTable) put(n uint32, d search.Doc) {
	for int(n/docPage) >= len(t.pages) {
		t.pages = append(t.pages, make([]docEntry, docPage))
	}
	o, ok := t.outletOf[d.Outlet]
	if !ok {
		o = uint32(len(t.outlets))
		t.outlets = append(t.outlets, d.Outlet)
		t.outletOf[d.Outlet] = o
	}
	*t.entry(n) = docEntry{id: d.ID, article: d.Article, date: d.Date, titleLen: d.TitleLen, words: d.Len, outlet: o, kind: d.Kind}
	if d.Kind == search.ArticleDoc {
		t.articles++
		t.totalLen += int64(d.Len)
	}
}

func (t *docTable) drop(n uint32) {
	e := t.entry(n)
	if e == nil || e.kind == 0 {
		return
	}
	if e.kind == search.ArticleDoc {
		t.articles--
		t.totalLen -= int64(e.words)
	}
	*e = docEntry{}
}

// apply brings a loaded table up to date with a committed transaction.
func (t *docTable) apply(w *Writer) {
	if w == nil || (len(w.added) == 0 && len(w.removed) == 0) {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.loaded {
		return
	}
	for _, n := range w.removed {
		t.drop(n)
	}
	for _, a := range w.added {
		t.put(a.n, a.doc)
	}
}

// reset forgets the table; the next search reloads it.
func (t *docTable) reset() {
	t.mu.Lock()
	t.loaded, t.pages, t.outlets, t.outletOf, t.articles, t.totalLen = false, nil, nil, nil, 0, 0
	t.mu.Unlock()
}

// loadDocs reads every live document record, once.
func (x *Index) loadDocs() error {
	t := &x.docs
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.loaded {
		return nil
	}
	t.pages, t.outlets, t.outletOf, t.articles, t.totalLen = nil, []string{""}, map[string]uint32{"": 0}, 0, 0
	err := x.db.View(func(txn Txn) error {
		return scanValues(txn, []byte{x.keys.Doc}, func(k, v []byte) error {
			n, ok := x.keys.docNumber(k)
			if !ok {
				return nil
			}
			d, err := decodeDoc(v)
			if err != nil {
				return fmt.Errorf("document %d: %w", n, err)
			}
			t.put(n, d)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("reading the search index: %w", err)
	}
	t.loaded = true
	return nil
}

// Search runs fn on a view of the index as txn, one of the store's read
// transactions, sees it.
func (x *Index) Search(txn Txn, fn func(*View) error) error {
	if err := x.loadDocs(); err != nil {
		return err
	}
	seg, err := newSegmentReader(txn, x.keys)
	if err != nil {
		return err
	}
	defer seg.close()
	x.docs.mu.RLock()
	defer x.docs.mu.RUnlock()
	return fn(&View{seg: seg, t: &x.docs, txn: txn, keys: x.keys})
}

// View is the index as one read transaction sees it: search.Index but
// for TaggedArticles, which the store answers from its tag tables.
type View struct {
	seg  *segmentReader
	t    *docTable
	txn  Txn
	keys Keys
}

func (v *View) Postings(term string, positions bool) (*search.PostingList, error) {
	var p postings
	if err := v.seg.postings(term, &p, positions); err != nil {
		return nil, fmt.Errorf("reading the search index: %w", err)
	}
	pl := &search.PostingList{Docs: p.docs, Freqs: p.freqs}
	if positions {
		pl.Pos = p.pos
		pl.PosOff = make([]uint32, len(p.freqs)+1)
		for i, f := range p.freqs {
			pl.PosOff[i+1] = pl.PosOff[i] + f
		}
	}
	return pl, nil
}

func (v *View) DocFreqs(terms []string) ([]int, error) {
	n, err := v.seg.docFreqs(terms)
	if err != nil {
		return nil, fmt.Errorf("reading the search index: %w", err)
	}
	return n, nil
}

func (v *View) Terms(prefix string, max int) ([]string, bool, error) {
	terms, more, err := v.seg.terms(prefix, max)
	if err != nil {
		return nil, false, fmt.Errorf("reading the search index: %w", err)
	}
	return terms, more, nil
}

func (v *View) Doc(n uint32) (search.Doc, bool) { return v.t.doc(n) }

func (v *View) ArticleDoc(article uint64) (uint32, bool) {
	var n uint32
	err := v.txn.Get(v.keys.docOf(byte(search.ArticleDoc), article), func(b []byte) error {
		if len(b) != 4 {
			return errors.New("corrupt document reference")
		}
		n = binary.BigEndian.Uint32(b)
		return nil
	})
	if err != nil {
		return 0, false
	}
	if d, ok := v.t.doc(n); !ok || d.Kind != search.ArticleDoc {
		return 0, false
	}
	return n, true
}

func (v *View) Articles() (int, float64) {
	if v.t.articles == 0 {
		return 0, 0
	}
	return v.t.articles, float64(v.t.totalLen) / float64(v.t.articles)
}

func (v *View) ForEachArticleDoc(fn func(uint32, search.Doc)) {
	for p, page := range v.t.pages {
		for i := range page {
			if page[i].kind == search.ArticleDoc {
				d, _ := v.t.doc(uint32(p*docPage + i))
				fn(uint32(p*docPage+i), d)
			}
		}
	}
}
