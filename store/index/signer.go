package index

import (
	"encoding/binary"
	"errors"

	"github.com/parallax-news/parallax/app/compare"
)

// docSigner makes each article's MinHash signature from the tokens the
// index collects (collectHits), so an article is tokenised once for both.
// It computes each term's stem hash once per batch, when the term is
// first seen.
type docSigner struct {
	signer *compare.Signer
	// stems[id] is term id's stem hash, 0 when the term does not count
	// (a stopword, too short); signedIn[id] is the last document (mark)
	// whose signature took the term.
	stems, signedIn []uint32
	mark            uint32
	article         bool
}

func newDocSigner(distinct int) *docSigner {
	return &docSigner{signer: compare.NewSigner(), stems: make([]uint32, 0, distinct), signedIn: make([]uint32, 0, distinct)}
}

// newTerm learns the next term number's term.
func (s *docSigner) newTerm(term []byte) {
	h, counts := compare.StemHash(term)
	if !counts {
		h = 0
	}
	s.stems = append(s.stems, h)
	s.signedIn = append(s.signedIn, 0)
}

// startDoc begins document mark (distinct per document of the batch);
// only articles are signed.
func (s *docSigner) startDoc(mark uint32, article bool) { s.mark, s.article = mark, article }

// token sees one token of term id; a joined token (a compound's parts
// run together) is not a word of the text.
func (s *docSigner) token(id uint32, joined bool) {
	if s.article && !joined && s.stems[id] != 0 && s.signedIn[id] != s.mark {
		s.signedIn[id] = s.mark
		s.signer.AddStem(s.stems[id])
	}
}

// endDoc gives the article its signature.
func (s *docSigner) endDoc(p *pendingDoc) {
	if s.article {
		p.sig, p.stems, p.hasSig = s.signer.Sum()
	}
}

// A signature is stored as compare.SignatureSize big-endian uint32s,
// then the sorted stems as uvarint deltas.
func encodeSignature(sig *compare.Signature, stems []uint32) []byte {
	b := make([]byte, 0, 4*compare.SignatureSize+3*len(stems))
	for _, v := range sig {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	prev := uint32(0)
	for _, h := range stems {
		b = binary.AppendUvarint(b, uint64(h-prev))
		prev = h
	}
	return b
}

var errCorruptSignature = errors.New("corrupt similarity signature")

func decodeSignature(b []byte) (compare.Signature, error) {
	var s compare.Signature
	if len(b) < 4*compare.SignatureSize {
		return s, errCorruptSignature
	}
	for i := range s {
		s[i] = binary.BigEndian.Uint32(b[4*i:])
	}
	return s, nil
}

// A sketch is stored as its words, little-endian.
func encodeSketch(sk *compare.Sketch) []byte {
	b := make([]byte, 0, 8*len(sk))
	for _, w := range sk {
		b = binary.LittleEndian.AppendUint64(b, w)
	}
	return b
}

func decodeSketch(b []byte) (compare.Sketch, error) {
	var sk compare.Sketch
	if len(b) != 8*len(sk) {
		return sk, errCorruptSignature
	}
	for i := range sk {
		sk[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return sk, nil
}

func decodeStems(b []byte) ([]uint32, error) {
	if len(b) < 4*compare.SignatureSize {
		return nil, errCorruptSignature
	}
	b = b[4*compare.SignatureSize:]
	var out []uint32
	prev := uint32(0)
	for len(b) > 0 {
		d, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, errCorruptSignature
		}
		prev += uint32(d)
		out = append(out, prev)
		b = b[k:]
	}
	return out, nil
}
