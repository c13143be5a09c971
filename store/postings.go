package store

import (
	"encoding/binary"
	"errors"
	"fmt"
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
