package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// A postings block holds one term's documents in one segment:
//
//	uvarint count
//	count × uvarint document number, delta-encoded (the first absolute)
//	count × uvarint term frequency
//	for each document, frequency × uvarint position, delta-encoded
//
// Documents and frequencies come first so a query that needs no positions
// stops reading there.

// postings is a decoded run of postings, positions flattened in order.
type postings struct {
	docs, freqs, pos []uint32
}

func (p *postings) len() int { return len(p.docs) }

// encode writes the postings as one block.
func (p *postings) encode() []byte {
	return appendBlock(make([]byte, 0, 4+len(p.docs)*3+len(p.pos)), []postings{*p})
}

// appendBlock appends the block of parts, one term's postings split in
// runs of ascending documents, as if they were one list.
func appendBlock(b []byte, parts []postings) []byte {
	n := 0
	for _, p := range parts {
		n += len(p.docs)
	}
	b = binary.AppendUvarint(b, uint64(n))
	prev := uint32(0)
	for _, p := range parts {
		for _, d := range p.docs {
			b = binary.AppendUvarint(b, uint64(d-prev))
			prev = d
		}
	}
	for _, p := range parts {
		for _, f := range p.freqs {
			b = binary.AppendUvarint(b, uint64(f))
		}
	}
	for _, p := range parts {
		k := 0
		for _, f := range p.freqs {
			last := uint32(0)
			for range f {
				b = binary.AppendUvarint(b, uint64(p.pos[k]-last))
				last = p.pos[k]
				k++
			}
		}
	}
	return b
}

var errCorruptBlock = errors.New("corrupt postings block")

// decodeBlock appends a block's postings to p; positions only if asked.
func decodeBlock(b []byte, p *postings, positions bool) error {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return errCorruptBlock
	}
	b = b[k:]
	start := len(p.docs)
	prev := uint64(0)
	for range n {
		d, k := binary.Uvarint(b)
		if k <= 0 {
			return errCorruptBlock
		}
		prev += d
		p.docs = append(p.docs, uint32(prev))
		b = b[k:]
	}
	for range n {
		f, k := binary.Uvarint(b)
		if k <= 0 || f > 1<<24 {
			return errCorruptBlock
		}
		p.freqs = append(p.freqs, uint32(f))
		b = b[k:]
	}
	if !positions {
		return nil
	}
	for _, f := range p.freqs[start:] {
		last := uint64(0)
		for range f {
			d, k := binary.Uvarint(b)
			if k <= 0 {
				return fmt.Errorf("%w: positions end early", errCorruptBlock)
			}
			last += d
			p.pos = append(p.pos, uint32(last))
			b = b[k:]
		}
	}
	return nil
}

// rawBlock is a postings block split into its sections, its document
// numbers decoded and its positions left as bytes: a merge whose
// documents are all live copies the sections instead of decoding and
// re-encoding every position.
type rawBlock struct {
	first, last uint32
	rest        []byte // the document deltas after the first
	freqs, pos  []byte
}

// splitBlock splits a block and appends its document numbers to docs.
// It checks that the positions hold one number per occurrence.
func splitBlock(b []byte, docs []uint32) (rawBlock, []uint32, error) {
	var r rawBlock
	n, k := binary.Uvarint(b)
	if k <= 0 || n == 0 || n > uint64(len(b)) {
		return r, docs, errCorruptBlock
	}
	b = b[k:]
	prev := uint64(0)
	at := 0
	for i := range n {
		d, k := binary.Uvarint(b[at:])
		if k <= 0 {
			return r, docs, errCorruptBlock
		}
		prev += d
		docs = append(docs, uint32(prev))
		at += k
		if i == 0 {
			r.rest = b[at:]
		}
	}
	r.first, r.last = docs[len(docs)-int(n)], uint32(prev)
	r.rest = r.rest[:len(r.rest)-(len(b)-at)]
	b = b[at:]
	at = 0
	occurrences := uint64(0)
	for range n {
		f, k := binary.Uvarint(b[at:])
		if k <= 0 || f > 1<<24 {
			return r, docs, errCorruptBlock
		}
		occurrences += f
		at += k
	}
	r.freqs, r.pos = b[:at], b[at:]
	// Every uvarint ends in a byte below 0x80.
	ends := uint64(0)
	for _, c := range r.pos {
		if c < 0x80 {
			ends++
		}
	}
	if ends != occurrences || len(r.pos) > 0 && r.pos[len(r.pos)-1] >= 0x80 {
		return r, docs, fmt.Errorf("%w: positions do not match frequencies", errCorruptBlock)
	}
	return r, docs, nil
}

// rebaseBlock appends block with every document number raised by base:
// only the first is stored absolute.
func rebaseBlock(dst, block []byte, base uint32) []byte {
	count, k1 := binary.Uvarint(block)
	first, k2 := binary.Uvarint(block[k1:])
	dst = binary.AppendUvarint(dst, count)
	dst = binary.AppendUvarint(dst, first+uint64(base))
	return append(dst, block[k1+k2:]...)
}

// appendRawBlocks appends one block holding the blocks in order (each
// block's documents after the one before's).
func appendRawBlocks(b []byte, blocks []rawBlock, count int) []byte {
	b = binary.AppendUvarint(b, uint64(count))
	prev := uint32(0)
	for _, r := range blocks {
		b = binary.AppendUvarint(b, uint64(r.first-prev))
		b = append(b, r.rest...)
		prev = r.last
	}
	for _, r := range blocks {
		b = append(b, r.freqs...)
	}
	for _, r := range blocks {
		b = append(b, r.pos...)
	}
	return b
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
