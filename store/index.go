package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/compare"
	"github.com/parallax-news/parallax/app/search"
)

// The search index lives in the same Badger store as the articles and is
// written in the same transaction, so it never disagrees with the data
// after a crash. Each indexed text gets a fresh document number; replacing
// or deleting a text only deletes its document record, so postings lists
// are append-only: a batch's postings are merged per term in memory and
// appended to the term's open (tail) block once per transaction.

// indexWriter collects one transaction's index changes. Texts are only
// queued as they are indexed: flush numbers them, tokenises those not
// tokenised ahead (see prepare.go) on every core and writes all their
// postings as one segment.
type indexWriter struct {
	txn     *badger.Txn
	pending []pendingDoc
	// prepared is the batch whose articles were tokenised before the
	// transaction, if any.
	prepared *preparedBatch
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

func newIndexWriter(txn *badger.Txn) *indexWriter {
	return &indexWriter{txn: txn}
}

// indexArticle makes rev the article's live document. draft, when not 0,
// is the 1-based index of the prepared batch's draft rev was made from;
// fresh says the article is new in this transaction, so it has no
// document to retire.
func (w *indexWriter) indexArticle(id app.ArticleID, rev app.Revision, draft int, fresh bool) error {
	date := rev.Published
	if date.IsZero() {
		date = rev.Imported
	}
	d := search.Doc{Kind: search.ArticleDoc, ID: uint64(id), Date: date.Unix(), Outlet: rev.Outlet}
	if !fresh {
		if err := w.remove(d.Kind, d.ID); err != nil {
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
	w.pending = append(w.pending, pendingDoc{doc: d, title: rev.Title, body: rev.Body})
	return nil
}

// indexAnnotation makes an annotation's quote and note searchable (note:).
func (w *indexWriter) indexAnnotation(a app.Annotation) error {
	d := search.Doc{Kind: search.AnnotationDoc, ID: uint64(a.ID), Article: uint64(a.Article)}
	if err := w.remove(d.Kind, d.ID); err != nil {
		return err
	}
	w.pending = append(w.pending, pendingDoc{doc: d, title: a.Quote, body: a.Note})
	return nil
}

// remove retires the kind/id's live document, if it has one: a text
// queued earlier in this transaction, or the stored one.
func (w *indexWriter) remove(kind search.DocKind, id uint64) error {
	for i := range w.pending {
		if p := &w.pending[i]; p.doc.Kind == kind && p.doc.ID == id {
			p.doc.Kind = 0 // a text indexed twice keeps only its last version
			return nil
		}
	}
	k := docOfKey(byte(kind), id)
	item, err := w.txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	v, err := item.ValueCopy(nil)
	if err != nil || len(v) != 4 {
		return fmt.Errorf("corrupt document reference %x: %v", k, err)
	}
	n := binary.BigEndian.Uint32(v)
	if err := w.txn.Delete(docKey(n)); err != nil {
		return err
	}
	if err := w.txn.Delete(k); err != nil {
		return err
	}
	w.removed = append(w.removed, n)
	if kind == search.ArticleDoc {
		if err := w.txn.Delete(sigKey(id)); err != nil {
			return err
		}
		w.unsigned = append(w.unsigned, id)
	}
	return nil
}

// flush numbers the queued texts, tokenises those not tokenised ahead,
// writes their document records and postings (one new segment) and saves
// the document counter. Call it once, last in the transaction.
func (w *indexWriter) flush() error {
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
	seq, err := getUint(w.txn, keyDocSeq)
	if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
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
	if err := w.txn.Set(keyDocSeq, encodeUint(seq+uint64(span+len(others)))); err != nil {
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
			return w.prepared.blocks.writeSegment(w.txn, uint32(seq))
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
	return writeSegment(w.txn, mergeTerms(parts))
}

// putDoc writes a numbered text's document records and signature.
func (w *indexWriter) putDoc(p pendingDoc) error {
	if err := w.txn.Set(docOfKey(byte(p.doc.Kind), p.doc.ID), binary.BigEndian.AppendUint32(nil, p.n)); err != nil {
		return err
	}
	if err := w.txn.Set(docKey(p.n), encodeDoc(p.doc)); err != nil {
		return err
	}
	w.added = append(w.added, indexedDoc{p.n, p.doc})
	if p.hasSig {
		if err := w.txn.Set(sigKey(p.doc.ID), compare.Encode(&p.sig, p.stems)); err != nil {
			return err
		}
		w.signed = append(w.signed, signedArticle{p.doc.ID, p.sig})
	}
	return nil
}

// tokenizeOnCores tokenises docs (filling in their lengths and
// signatures) on every core. Contiguous shares keep each worker's
// documents in ascending order, so a term's postings are the parts'
// lists one after the other.
func tokenizeOnCores(docs []pendingDoc) []termPostings {
	return onCores(docs, tokenizeDocs)
}

// onCores runs fn over contiguous shares of docs, one share per core,
// and returns the results in document order. The shares hold about as
// many bytes of text each: split by count, one worker could get twice
// the text of another and leave its core idle.
func onCores[T any](docs []pendingDoc, fn func([]pendingDoc) T) []T {
	if len(docs) == 0 {
		return nil
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(docs)/16))
	total := 0
	for i := range docs {
		total += len(docs[i].title) + len(docs[i].body)
	}
	bounds := make([]int, workers+1)
	bounds[workers] = len(docs)
	for i, k, sum := 0, 1, 0; i < len(docs) && k < workers; i++ {
		sum += len(docs[i].title) + len(docs[i].body)
		for k < workers && sum >= total*k/workers {
			bounds[k] = i + 1
			k++
		}
	}
	for k := 1; k < workers; k++ { // no share empty
		bounds[k] = min(max(bounds[k], bounds[k-1]+1), len(docs)-(workers-k))
	}
	parts := make([]T, workers)
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[k] = fn(docs[bounds[k]:bounds[k+1]])
		}()
	}
	wg.Wait()
	return parts
}

// termPostings is postings by term, terms sorted.
type termPostings struct {
	terms []string
	lists []postings
}

// tokenizeDocs tokenises docs (filling in their lengths) into postings.
func tokenizeDocs(docs []pendingDoc) termPostings {
	th := collectHits(docs)
	defer th.release()
	// Every list's documents, frequencies and positions are slices of
	// three shared arrays (capped, so a merge's append copies).
	docCount := th.docCount()
	allDocs, allFreqs, allPos := make([]uint32, 0, docCount), make([]uint32, 0, docCount), make([]uint32, len(th.hits))
	out := termPostings{terms: make([]string, len(th.order)), lists: make([]postings, len(th.order))}
	for k, id := range th.order {
		out.terms[k] = th.terms[id]
		from, to := th.start[id], th.start[id+1]
		hs := th.hits[from:to]
		docsFrom := len(allDocs)
		for _, h := range hs {
			if d := len(allDocs); d == docsFrom || allDocs[d-1] != h.doc {
				allDocs = append(allDocs, h.doc)
				allFreqs = append(allFreqs, 0)
			}
			allFreqs[len(allFreqs)-1]++
		}
		for i, h := range hs {
			allPos[from+i] = h.pos
		}
		docsTo := len(allDocs)
		out.lists[k] = postings{docs: allDocs[docsFrom:docsTo:docsTo], freqs: allFreqs[docsFrom:docsTo:docsTo], pos: allPos[from:to:to]}
	}
	return out
}

// rawTerms is postings by term, each term's encoded in sections as a
// rawBlock: what a prepared batch is merged and stored from, never
// decoded. Offsets rather than slices, 20 bytes a term and no pointers:
// a worker's share of a batch has thousands of terms.
type rawTerms struct {
	terms []string // by term number
	order []uint32 // term numbers in term order
	// The k'th term in order has counts[k] documents, the first
	// firsts[k] and the last lasts[k]; its sections end at ends[k] in
	// the three buffers.
	counts, firsts, lasts []uint32
	ends                  [][3]uint32
	docs, freqs, pos      []byte
}

func (rt *rawTerms) term(k int) string { return rt.terms[rt.order[k]] }

// search returns the position of the first term not below term.
func (rt *rawTerms) search(term string) int {
	return sort.Search(len(rt.order), func(k int) bool { return rt.term(k) >= term })
}

// encodedSize bounds the bytes of the blocks of terms from up to to.
func (rt *rawTerms) encodedSize(from, to int) int {
	if from == to {
		return 0
	}
	var start [3]uint32
	if from > 0 {
		start = rt.ends[from-1]
	}
	end := rt.ends[to-1]
	return (to-from)*2*binary.MaxVarintLen32 + int(end[0]-start[0]+end[1]-start[1]+end[2]-start[2])
}

// block returns the k'th term's sections.
func (rt *rawTerms) block(k int) rawBlock {
	var from [3]uint32
	if k > 0 {
		from = rt.ends[k-1]
	}
	to := rt.ends[k]
	return rawBlock{first: rt.firsts[k], last: rt.lasts[k],
		rest: rt.docs[from[0]:to[0]], freqs: rt.freqs[from[1]:to[1]], pos: rt.pos[from[2]:to[2]]}
}

// encodeDocs tokenises docs (filling in their lengths) into encoded
// postings.
func encodeDocs(docs []pendingDoc) rawTerms {
	th := collectHits(docs)
	defer th.release()
	n := len(th.order)
	docCount := th.docCount()
	// Within a batch, document deltas and frequencies mostly take one
	// byte, positions one or two.
	rt := rawTerms{terms: th.terms, order: th.order,
		counts: make([]uint32, n), firsts: make([]uint32, n), lasts: make([]uint32, n), ends: make([][3]uint32, n),
		docs: make([]byte, 0, docCount), freqs: make([]byte, 0, docCount), pos: make([]byte, 0, len(th.hits)+len(th.hits)/2)}
	docBuf, freqBuf, posBuf := rt.docs, rt.freqs, rt.pos
	for k, id := range th.order {
		hs := th.hits[th.start[id]:th.start[id+1]]
		first := hs[0].doc
		doc, freq, count, last := first, uint32(0), uint32(1), uint32(0)
		for _, h := range hs {
			if h.doc != doc {
				freqBuf = binary.AppendUvarint(freqBuf, uint64(freq))
				docBuf = binary.AppendUvarint(docBuf, uint64(h.doc-doc))
				doc, freq, last = h.doc, 0, 0
				count++
			}
			posBuf = binary.AppendUvarint(posBuf, uint64(h.pos-last))
			last = h.pos
			freq++
		}
		freqBuf = binary.AppendUvarint(freqBuf, uint64(freq))
		rt.counts[k], rt.firsts[k], rt.lasts[k] = count, first, doc
		rt.ends[k] = [3]uint32{uint32(len(docBuf)), uint32(len(freqBuf)), uint32(len(posBuf))}
	}
	rt.docs, rt.freqs, rt.pos = docBuf, freqBuf, posBuf
	return rt
}

// termHits is a batch's tokens as (term, document, position) triples,
// grouped by term.
type termHits struct {
	terms []string // by term number, in order of first appearance
	order []uint32 // term numbers in term order
	// hits holds term number id's tokens in hits[start[id]:start[id+1]],
	// in document and position order.
	hits  []hit
	start []int
	pool  []hit // a buffer to give back
}

// collectHits tokenises docs (filling in their lengths and signatures).
// Every token becomes a (term, document, position) triple with terms
// numbered by first appearance: flat arrays sorted by term once at the
// end are far cheaper than a growing list per term.
func collectHits(docs []pendingDoc) termHits {
	size := 0
	for _, p := range docs {
		size += len(p.title) + len(p.body)
	}
	hits := getHits(size / 5) // English runs about 6 bytes a token
	// Pooled as grown, if it had to: the closure reads hits at the end.
	defer func() { putHits(hits) }()
	distinct := size / 32 // a batch of news has a distinct term every 35-40 bytes
	intern := newInterner(distinct)
	// Each term's stem hash for the signature, computed once per term;
	// 0 when the term does not count (a stopword, too short). signedIn
	// is the last document (index+1) whose signature took the term.
	stems, signedIn := make([]uint32, 0, distinct), make([]uint32, 0, distinct)
	signer := compare.NewSigner()
	var tokenizer search.Tokenizer
	// The document being read: emit is made once, not per document.
	var (
		docN, offset, mark uint32
		article            bool
	)
	emit := func(tok search.Token) {
		id, isNew := intern.id(tok.Term)
		if isNew {
			h, counts := compare.StemHash(tok.Term)
			if !counts {
				h = 0
			}
			stems = append(stems, h)
			signedIn = append(signedIn, 0)
		}
		if article && !tok.Joined && stems[id] != 0 && signedIn[id] != mark {
			signedIn[id] = mark
			signer.AddStem(stems[id])
		}
		hits = append(hits, hit{id, docN, uint32(tok.Pos) + offset})
	}
	for i := range docs {
		p := &docs[i]
		docN, article, mark, offset = p.n, p.doc.Kind == search.ArticleDoc, uint32(i+1), 0
		p.doc.TitleLen = uint32(tokenizer.Tokens(p.title, emit))
		offset = p.doc.TitleLen + search.TitleGap
		bodyLen := tokenizer.Tokens(p.body, emit)
		p.doc.Len = p.doc.TitleLen + uint32(bodyLen)
		if article {
			p.sig, p.stems, p.hasSig = signer.Sum()
		}
	}
	terms := intern.terms
	// A counting sort by term, stable, so each term's documents and
	// positions stay in order.
	count := make([]int, len(terms)+1)
	for _, h := range hits {
		count[h.term+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	sorted := getHits(len(hits))[:len(hits)]
	next := slices.Clone(count[:len(terms)])
	for _, h := range hits {
		sorted[next[h.term]] = h
		next[h.term]++
	}
	order := sortedTerms(terms)
	return termHits{terms: terms, order: order, hits: sorted, start: count, pool: sorted}
}

// sortedTerms returns the numbers of terms in the terms' order. It sorts
// by their first eight bytes as a number, a byte at a time from the last
// (a radix sort: a comparison sort was a twentieth of preparing a batch),
// then puts terms sharing those eight bytes in order by the whole
// string. Terms hold no zero bytes, so a shorter term's padding sorts it
// first.
func sortedTerms(terms []string) []uint32 {
	type keyed struct {
		prefix uint64
		id     uint32
	}
	if len(terms) == 0 {
		return nil
	}
	keys, spare := make([]keyed, len(terms)), make([]keyed, len(terms))
	for i, t := range terms {
		var b [8]byte
		copy(b[:], t)
		keys[i] = keyed{binary.BigEndian.Uint64(b[:]), uint32(i)}
	}
	for shift := 0; shift < 64; shift += 8 {
		var count [257]int
		for _, k := range keys {
			count[(k.prefix>>shift)&0xFF+1]++
		}
		if count[(keys[0].prefix>>shift)&0xFF+1] == len(keys) {
			continue // every key has this byte: nothing moves
		}
		for b := 1; b < len(count); b++ {
			count[b] += count[b-1]
		}
		for _, k := range keys {
			d := (k.prefix >> shift) & 0xFF
			spare[count[d]] = k
			count[d]++
		}
		keys, spare = spare, keys
	}
	order := make([]uint32, len(keys))
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j].prefix == keys[i].prefix {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(keys[i:j], func(a, b keyed) int { return strings.Compare(terms[a.id], terms[b.id]) })
		}
		for ; i < j; i++ {
			order[i] = keys[i].id
		}
	}
	return order
}

// docCount counts the (term, document) pairs.
func (th *termHits) docCount() int {
	n := 0
	for i, h := range th.hits {
		if i == 0 || h.term != th.hits[i-1].term || h.doc != th.hits[i-1].doc {
			n++
		}
	}
	return n
}

func (th *termHits) release() { putHits(th.pool) }

// hit is one token as collectHits collects them.
type hit struct{ term, doc, pos uint32 }

// hitBuffers keeps collectHits's two large arrays from one batch to the
// next: allocating them zeroed each time was a tenth of its work.
var hitBuffers sync.Pool

func getHits(capacity int) []hit {
	if b, ok := hitBuffers.Get().(*[]hit); ok && cap(*b) >= capacity {
		return (*b)[:0]
	}
	return make([]hit, 0, capacity)
}

func putHits(h []hit) { hitBuffers.Put(&h) }

// mergedTerms is the workers' postings in one term order without
// copying them: term i's lists are lists[bounds[i]:bounds[i+1]], in
// worker order, which is document order.
type mergedTerms struct {
	terms  []string
	lists  []postings
	bounds []int
}

func (m *mergedTerms) parts(i int) []postings { return m.lists[m.bounds[i]:m.bounds[i+1]] }

func mergeTerms(parts []termPostings) mergedTerms {
	n := 0
	for _, p := range parts {
		n += len(p.terms)
	}
	m := mergedTerms{terms: make([]string, 0, n), lists: make([]postings, 0, n), bounds: make([]int, 1, n+1)}
	at := make([]int, len(parts))
	for {
		least := ""
		found := false
		for k, p := range parts {
			if at[k] < len(p.terms) && (!found || p.terms[at[k]] < least) {
				least, found = p.terms[at[k]], true
			}
		}
		if !found {
			return m
		}
		for k, p := range parts {
			if at[k] < len(p.terms) && p.terms[at[k]] == least {
				m.lists = append(m.lists, p.lists[at[k]])
				at[k]++
			}
		}
		m.terms = append(m.terms, least)
		m.bounds = append(m.bounds, len(m.lists))
	}
}

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
// them and kept current after every committed index change.
type docTable struct {
	mu        sync.RWMutex
	loaded    bool
	docs      []search.Doc // by document number; Kind 0: not live
	byArticle map[uint64]uint32
	articles  int
	totalLen  int64
}

func (t *docTable) put(n uint32, d search.Doc) {
	for int(n) >= len(t.docs) {
		t.docs = append(t.docs, search.Doc{})
	}
	t.docs[n] = d
	if d.Kind == search.ArticleDoc {
		t.byArticle[d.ID] = n
		t.articles++
		t.totalLen += int64(d.Len)
	}
}

func (t *docTable) drop(n uint32) {
	if int(n) >= len(t.docs) || t.docs[n].Kind == 0 {
		return
	}
	d := t.docs[n]
	if d.Kind == search.ArticleDoc {
		if t.byArticle[d.ID] == n {
			delete(t.byArticle, d.ID)
		}
		t.articles--
		t.totalLen -= int64(d.Len)
	}
	t.docs[n] = search.Doc{}
}

// apply brings a loaded table up to date with a committed transaction.
func (t *docTable) apply(w *indexWriter) {
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

// updateIndexed runs fn in a read-write transaction with an index writer
// whose segment commits with it; after the commit the document table
// learns the change and the background merger is asked to merge full
// tiers of segments.
func (s *Store) updateIndexed(fn func(txn *badger.Txn, w *indexWriter) error) error {
	var w *indexWriter
	s.segMu.RLock()
	err := s.update(func(txn *badger.Txn) error {
		w = newIndexWriter(txn)
		if err := fn(txn, w); err != nil {
			return err
		}
		return w.flush()
	})
	s.segMu.RUnlock()
	if err != nil {
		return err
	}
	s.docs.apply(w)
	s.sigs.apply(w)
	s.merges.request()
	return nil
}

// reset forgets the table; the next search reloads it.
func (t *docTable) reset() {
	t.mu.Lock()
	t.loaded, t.docs, t.byArticle, t.articles, t.totalLen = false, nil, nil, 0, 0
	t.mu.Unlock()
}

// load reads every live document record, once.
func (s *Store) loadDocs() error {
	t := &s.docs
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.loaded {
		return nil
	}
	t.byArticle = map[uint64]uint32{}
	t.docs, t.articles, t.totalLen = nil, 0, 0
	err := s.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.Prefix = []byte{prefixDoc}
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n, ok := docKeyNumber(it.Item().Key())
			if !ok {
				continue
			}
			err := it.Item().Value(func(v []byte) error {
				d, err := decodeDoc(v)
				if err != nil {
					return fmt.Errorf("document %d: %w", n, err)
				}
				t.put(n, d)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "reading the search index of %s", s.dir)
	}
	t.loaded = true
	return nil
}

// SearchIndex runs fn on a consistent view of the search index.
func (s *Store) SearchIndex(fn func(search.Index) error) error {
	if err := s.loadDocs(); err != nil {
		return err
	}
	var fnErr error
	err := s.db.View(func(txn *badger.Txn) error {
		seg, err := newSegmentReader(txn)
		if err != nil {
			return err
		}
		defer seg.close()
		s.docs.mu.RLock()
		defer s.docs.mu.RUnlock()
		fnErr = fn(&indexView{txn: txn, seg: seg, t: &s.docs})
		return nil
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return app.WrapError(app.EINTERNAL, err, "searching %s", s.dir)
	}
	return nil
}

// indexView implements search.Index over one read transaction.
type indexView struct {
	txn *badger.Txn
	seg *segmentReader
	t   *docTable
}

func (v *indexView) Postings(term string, positions bool) (*search.PostingList, error) {
	var p postings
	if err := v.seg.postings(term, &p, positions); err != nil {
		return nil, app.WrapError(app.EINTERNAL, err, "reading the search index")
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

func (v *indexView) Terms(prefix string, max int) ([]string, bool, error) {
	terms, more, err := v.seg.terms(prefix, max)
	if err != nil {
		return nil, false, app.WrapError(app.EINTERNAL, err, "reading the search index")
	}
	return terms, more, nil
}

func (v *indexView) Doc(n uint32) (search.Doc, bool) {
	if int(n) >= len(v.t.docs) || v.t.docs[n].Kind == 0 {
		return search.Doc{}, false
	}
	return v.t.docs[n], true
}

func (v *indexView) ArticleDoc(article uint64) (uint32, bool) {
	n, ok := v.t.byArticle[article]
	return n, ok
}

func (v *indexView) Articles() (int, float64) {
	if v.t.articles == 0 {
		return 0, 0
	}
	return v.t.articles, float64(v.t.totalLen) / float64(v.t.articles)
}

func (v *indexView) ForEachArticleDoc(fn func(uint32, search.Doc)) {
	for n, d := range v.t.docs {
		if d.Kind == search.ArticleDoc {
			fn(uint32(n), d)
		}
	}
}

func (v *indexView) TaggedArticles(tag string) (map[uint64]bool, error) {
	out := map[uint64]bool{}
	// Tags match without regard to case: tag:actor finds Actor/Russia.
	root := strings.ToLower(tag)
	var tags []string
	err := scanKeys(v.txn, []byte{prefixTagDef}, func(k []byte) error {
		if p := tagDefPath(k); app.TagWithin(strings.ToLower(p), root) {
			tags = append(tags, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		arts, annos, err := tagUses(v.txn, t)
		if err != nil {
			return nil, err
		}
		for _, a := range arts {
			out[uint64(a)] = true
		}
		for _, id := range annos {
			var a app.Annotation
			if err := getJSON(v.txn, annoKey(id), &a); err != nil {
				return nil, err
			}
			out[uint64(a.Article)] = true
		}
	}
	return out, nil
}
