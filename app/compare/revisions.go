package compare

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// EditedThreshold is the similarity above which a deleted and an
// inserted sentence of one changed region are one sentence edited.
const EditedThreshold = 0.3

// newDiffer returns diff-match-patch without its time limit, so the
// same input always gives the same diff however busy the machine is.
func newDiffer() *diffmatchpatch.DiffMatchPatch {
	d := diffmatchpatch.New()
	d.DiffTimeout = 0
	return d
}

// symbols numbers distinct strings as runes for diff-match-patch,
// skipping the surrogate range its strings cannot hold.
type symbols map[string]rune

func (s symbols) of(key string) rune {
	r, ok := s[key]
	if !ok {
		r = rune(len(s) + 1)
		if r >= 0xD800 {
			r += 0x800
		}
		s[key] = r
	}
	return r
}

// revisions aligns two revisions of one text as an ordered diff:
// sentence by sentence, then word by word inside edited sentences.
func revisions(a, b *analysis) ([]Pair, Summary) {
	syms := symbols{}
	key := func(x *analysis, s sentence) string { return strings.Join(strings.Fields(x.quote(s.span)), " ") }
	ra, rb := make([]rune, len(a.sents)), make([]rune, len(b.sents))
	for i, s := range a.sents {
		ra[i] = syms.of(key(a, s))
	}
	for j, s := range b.sents {
		rb[j] = syms.of(key(b, s))
	}
	var pairs []Pair
	type region struct{ dels, ins []int }
	var regions []region
	var cur region
	flush := func() {
		if len(cur.dels)+len(cur.ins) > 0 {
			regions = append(regions, cur)
		}
		cur = region{}
	}
	i, j := 0, 0
	for _, d := range newDiffer().DiffMainRunes(ra, rb, false) {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			for range n {
				sa, sb := a.sents[i].span, b.sents[j].span
				pairs = append(pairs, Pair{Kind: Same, A: &sa, B: &sb, Similarity: 1})
				i, j = i+1, j+1
			}
		case diffmatchpatch.DiffDelete:
			for range n {
				cur.dels = append(cur.dels, i)
				i++
			}
		case diffmatchpatch.DiffInsert:
			for range n {
				cur.ins = append(cur.ins, j)
				j++
			}
		}
	}
	flush()

	// A sentence deleted in one place and inserted unchanged in another
	// moved.
	deleted := map[rune][]int{}
	for _, r := range regions {
		for _, i := range r.dels {
			deleted[ra[i]] = append(deleted[ra[i]], i)
		}
	}
	movedA, movedB := map[int]bool{}, map[int]bool{}
	for _, r := range regions {
		for _, j := range r.ins {
			if is := deleted[rb[j]]; len(is) > 0 {
				i := is[0]
				deleted[rb[j]] = is[1:]
				movedA[i], movedB[j] = true, true
				sa, sb := a.sents[i].span, b.sents[j].span
				pairs = append(pairs, Pair{Kind: Moved, A: &sa, B: &sb, Similarity: 1})
			}
		}
	}

	// Inside each changed region, the most similar deleted and inserted
	// sentences pair up as edits; the rest were deleted or inserted.
	for _, r := range regions {
		type cand struct {
			i, j int
			sim  float64
		}
		var cands []cand
		for _, i := range r.dels {
			for _, j := range r.ins {
				if movedA[i] || movedB[j] {
					continue
				}
				if sim := similarity(&a.sents[i], &b.sents[j]); sim >= EditedThreshold {
					cands = append(cands, cand{i, j, sim})
				}
			}
		}
		slices.SortStableFunc(cands, func(x, y cand) int { return cmp.Compare(y.sim, x.sim) })
		usedA, usedB := map[int]bool{}, map[int]bool{}
		for _, c := range cands {
			if usedA[c.i] || usedB[c.j] {
				continue
			}
			usedA[c.i], usedB[c.j] = true, true
			sa, sb := a.sents[c.i].span, b.sents[c.j].span
			pairs = append(pairs, Pair{Kind: Edited, A: &sa, B: &sb, Similarity: round(c.sim), Diff: wordDiff(a, b, a.sents[c.i], b.sents[c.j])})
		}
		for _, i := range r.dels {
			if !usedA[i] && !movedA[i] {
				sa := a.sents[i].span
				pairs = append(pairs, Pair{Kind: Deleted, A: &sa})
			}
		}
		for _, j := range r.ins {
			if !usedB[j] && !movedB[j] {
				sb := b.sents[j].span
				pairs = append(pairs, Pair{Kind: Inserted, B: &sb})
			}
		}
	}
	sortPairs(pairs)

	sum := Summary{Mode: Revisions}
	sameA, sameB := make([]bool, len(a.words)), make([]bool, len(b.words))
	keptA, keptB := make([]bool, len(a.words)), make([]bool, len(b.words))
	for _, p := range pairs {
		switch p.Kind {
		case Same, Moved:
			markSpan(a, *p.A, sameA, keptA)
			markSpan(b, *p.B, sameB, keptB)
		case Edited:
			markSpan(a, *p.A, keptA)
			markSpan(b, *p.B, keptB)
			for _, op := range p.Diff {
				if op.Op == OpEqual {
					markSpan(a, *op.A, sameA)
					markSpan(b, *op.B, sameB)
				}
			}
		}
	}
	sum.SharedA, sum.SharedB = share(sameA), share(sameB)
	sum.CoveredA, sum.CoveredB = share(keptA), share(keptB)
	sum.count(pairs)
	return pairs, sum
}

// markSpan marks the words inside s in every given mask.
func markSpan(a *analysis, s Span, masks ...[]bool) {
	lo, _ := slices.BinarySearchFunc(a.words, s.Start, func(w word, start int) int { return cmp.Compare(w.span.Start, start) })
	for w := lo; w < len(a.words) && a.words[w].span.End <= s.End; w++ {
		for _, m := range masks {
			m[w] = true
		}
	}
}

// wordDiff diffs two sentences word by word; a word here is a run of
// non-space characters, punctuation included, so a changed comma shows.
func wordDiff(a, b *analysis, sa, sb sentence) []WordOp {
	wa, wb := spaceWords(a, sa.span), spaceWords(b, sb.span)
	syms := symbols{}
	ra, rb := make([]rune, len(wa)), make([]rune, len(wb))
	for i, w := range wa {
		ra[i] = syms.of(a.quote(w))
	}
	for j, w := range wb {
		rb[j] = syms.of(b.quote(w))
	}
	var ops []WordOp
	i, j := 0, 0
	for _, d := range newDiffer().DiffMainRunes(ra, rb, false) {
		n := utf8.RuneCountInString(d.Text)
		op := WordOp{}
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			sa, sb := Span{wa[i].Start, wa[i+n-1].End}, Span{wb[j].Start, wb[j+n-1].End}
			op = WordOp{Op: OpEqual, A: &sa, B: &sb}
			i, j = i+n, j+n
		case diffmatchpatch.DiffDelete:
			sa := Span{wa[i].Start, wa[i+n-1].End}
			op = WordOp{Op: OpDelete, A: &sa}
			i += n
		case diffmatchpatch.DiffInsert:
			sb := Span{wb[j].Start, wb[j+n-1].End}
			op = WordOp{Op: OpInsert, B: &sb}
			j += n
		}
		ops = append(ops, op)
	}
	return ops
}

// spaceWords splits a span at white space.
func spaceWords(a *analysis, s Span) []Span {
	var out []Span
	start := -1
	cp := s.Start
	for _, r := range a.quote(s) {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, Span{start, cp})
				start = -1
			}
		} else if start < 0 {
			start = cp
		}
		cp++
	}
	if start >= 0 {
		out = append(out, Span{start, cp})
	}
	return out
}
