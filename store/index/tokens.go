package index

import (
	"encoding/binary"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/parallax-news/parallax/app/search"
)

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
	signer := newDocSigner(distinct)
	var tokenizer search.Tokenizer
	// The document being read: emit is made once, not per document.
	var docN, offset uint32
	emit := func(tok search.Token) {
		id, isNew := intern.id(tok.Term)
		if isNew {
			signer.newTerm(tok.Term)
		}
		signer.token(id, tok.Joined)
		hits = append(hits, hit{id, docN, uint32(tok.Pos) + offset})
	}
	for i := range docs {
		p := &docs[i]
		docN, offset = p.n, 0
		signer.startDoc(uint32(i+1), p.doc.Kind == search.ArticleDoc)
		p.doc.TitleLen = uint32(tokenizer.Tokens(p.title, emit))
		offset = p.doc.TitleLen + search.TitleGap
		bodyLen := tokenizer.Tokens(p.body, emit)
		p.doc.Len = p.doc.TitleLen + uint32(bodyLen)
		signer.endDoc(p)
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

// putHits keeps a buffer for the next batch unless a huge document grew
// it: 4M hits (48 MB) cover a batch of ordinary articles.
func putHits(h []hit) {
	if cap(h) <= 4<<20 {
		hitBuffers.Put(&h)
	}
}

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
