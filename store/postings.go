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
