package compare

import (
	"cmp"
	"math"
	"slices"
)

const (
	// MinRun is the fewest words a verbatim run must have to count as
	// shared, as in WCopyfind: shorter runs are common phrases.
	MinRun = 6
	// RewordedThreshold is the similarity above which two sentences are
	// the same statement reworded. It is tuned on the PAC stories: on the
	// sentence pairs the team labelled (TestParaphraseOnPAC) it keeps
	// precision at 0.9 or more, and it keeps chance matches between
	// articles about different events under 1%
	// (TestRewordedThresholdOnPAC).
	RewordedThreshold = 0.26
	// minSaid is the least weighted cosine of what two sentences say
	// (their terms but names and numbers), and minSharedTerms the fewest
	// terms they share, for them to be one statement reworded: a fact
	// retold shares what happened and more than a name or two. With them
	// RewordedThreshold could fall from 0.32 to 0.26 at the same
	// precision (TestParaphraseOnPAC).
	minSaid        = 0.2
	minSharedTerms = 3
	// minMatchWords is the fewest words a sentence needs to be matched
	// as reworded: "he said." is like too many others.
	minMatchWords = 4
	// minWordDice is the least word-feature Dice a pair needs before it
	// is scored in full.
	minWordDice = 0.1
	// sharedSentence is the share of a sentence's words that verbatim
	// runs must cover for the sentence to count as shared.
	sharedSentence = 0.5
)

// run is a verbatim run: words [a, a+n) of one text equal [b, b+n) of
// the other.
type run struct{ a, b, n int }

// sharedRuns finds the maximal verbatim runs of at least MinRun words,
// greedily left to right in a, each time the longest starting there,
// without using a word of b twice.
func sharedRuns(a, b *analysis) []run {
	if len(a.words) < MinRun || len(b.words) < MinRun {
		return nil
	}
	starts := map[uint64][]int{}
	for j := 0; j+MinRun <= len(b.words); j++ {
		k := shingle(b.words[j : j+MinRun])
		starts[k] = append(starts[k], j)
	}
	usedB := make([]bool, len(b.words))
	var runs []run
	for i := 0; i+MinRun <= len(a.words); {
		best := run{}
		for _, j := range starts[shingle(a.words[i:i+MinRun])] {
			if usedB[j] {
				continue
			}
			n := 0
			for i+n < len(a.words) && j+n < len(b.words) && !usedB[j+n] && a.words[i+n].term == b.words[j+n].term {
				n++
			}
			if n >= MinRun && n > best.n {
				best = run{i, j, n}
			}
		}
		if best.n == 0 {
			i++
			continue
		}
		best = trimRun(a, b, best)
		if best.n < MinRun {
			i++
			continue
		}
		runs = append(runs, best)
		for k := range best.n {
			usedB[best.b+k] = true
		}
		i += best.n
	}
	return runs
}

// edgeFragment is the most words a run keeps across a sentence boundary
// at either end before they are trimmed off: "…health care. The" is a
// sentence shared, not a run into the next one.
const edgeFragment = 2

// trimRun drops a fragment of edgeFragment words or fewer that a run
// takes from the sentence before or after, in either text.
func trimRun(a, b *analysis, r run) run {
	boundary := func(k int) bool { // between words k-1 and k of the run
		return a.sentOf[r.a+k] != a.sentOf[r.a+k-1] || b.sentOf[r.b+k] != b.sentOf[r.b+k-1]
	}
	for k := r.n - 1; k >= r.n-edgeFragment && k > 0; k-- {
		if boundary(k) {
			r.n = k
			break
		}
	}
	for k := 1; k <= edgeFragment && k < r.n; k++ {
		if boundary(k) {
			r.a, r.b, r.n = r.a+k, r.b+k, r.n-k
			break
		}
	}
	return r
}

func shingle(ws []word) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range ws {
		for i := 0; i < len(w.term); i++ {
			h = (h ^ uint64(w.term[i])) * 1099511628211
		}
		h = (h ^ 0xff) * 1099511628211
	}
	return h
}

// coverage aligns two outlets' texts without regard to order.
func coverage(a, b *analysis) ([]Pair, Summary) {
	runs := sharedRuns(a, b)
	inRunA, inRunB := make([]bool, len(a.words)), make([]bool, len(b.words))
	var pairs []Pair
	for _, r := range runs {
		for k := range r.n {
			inRunA[r.a+k], inRunB[r.b+k] = true, true
		}
		sa, sb := a.wordSpan(r.a, r.a+r.n), b.wordSpan(r.b, r.b+r.n)
		pairs = append(pairs, Pair{Kind: Shared, A: &sa, B: &sb, Similarity: 1, Words: r.n})
	}
	sharedA, sharedB := sharedSentences(a, inRunA), sharedSentences(b, inRunB)

	// Best counterpart of every sentence among the other side's sentences
	// that have a content word in common; sentences already shared need
	// none of their own but may be another's counterpart.
	bestA, bestB := bestMatches(a, b, termWeights(a, b))
	pairedA, pairedB := make([]bool, len(a.sents)), make([]bool, len(b.sents))
	coveredA, coveredB := slices.Clone(inRunA), slices.Clone(inRunB)
	seen := map[[2]int]bool{}
	addPair := func(i, j int, sim float64) {
		pairedA[i], pairedB[j] = true, true
		for w := a.sents[i].lo; w < a.sents[i].hi; w++ {
			coveredA[w] = true
		}
		for w := b.sents[j].lo; w < b.sents[j].hi; w++ {
			coveredB[w] = true
		}
		if seen[[2]int{i, j}] {
			return
		}
		seen[[2]int{i, j}] = true
		sa, sb := a.sents[i].span, b.sents[j].span
		pairs = append(pairs, Pair{Kind: Reworded, A: &sa, B: &sb, Similarity: round(sim),
			Diff: wordDiff(a, b, a.sents[i], b.sents[j])})
	}
	for i, m := range bestA {
		if !sharedA[i] && m.j >= 0 && m.sim >= RewordedThreshold {
			addPair(i, m.j, m.sim)
		}
	}
	for j, m := range bestB {
		if !sharedB[j] && m.j >= 0 && m.sim >= RewordedThreshold {
			addPair(m.j, j, m.sim)
		}
	}
	for i, s := range a.sents {
		if !sharedA[i] && !pairedA[i] && s.hi > s.lo {
			sp := s.span
			pairs = append(pairs, Pair{Kind: Unique, A: &sp, Similarity: round(max(0, bestA[i].sim))})
		}
	}
	for j, s := range b.sents {
		if !sharedB[j] && !pairedB[j] && s.hi > s.lo {
			sp := s.span
			pairs = append(pairs, Pair{Kind: Unique, B: &sp, Similarity: round(max(0, bestB[j].sim))})
		}
	}
	pairs = dropRunsInsideRewordings(pairs)
	sortPairs(pairs)

	sum := Summary{Mode: Coverage}
	sum.SharedA, sum.SharedB = share(inRunA), share(inRunB)
	sum.CoveredA, sum.CoveredB = share(coveredA), share(coveredB)
	sum.count(pairs)
	sum.TopQuotes = topQuotes(a, runs)
	return pairs, sum
}

// dropRunsInsideRewordings drops a shared run that lies inside both
// sentences of a reworded pair: the pair's word diff already shows it as
// kept words, and listing it twice would double the passage. It still
// counts in the verbatim shares and top quotes.
func dropRunsInsideRewordings(pairs []Pair) []Pair {
	within := func(x, in *Span) bool { return in.Start <= x.Start && x.End <= in.End }
	out := pairs[:0]
	for _, p := range pairs {
		if p.Kind == Shared && slices.ContainsFunc(pairs, func(r Pair) bool {
			return r.Kind == Reworded && within(p.A, r.A) && within(p.B, r.B)
		}) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// sharedSentences marks the sentences whose words are mostly in runs.
func sharedSentences(a *analysis, inRun []bool) []bool {
	out := make([]bool, len(a.sents))
	for i, s := range a.sents {
		n := 0
		for w := s.lo; w < s.hi; w++ {
			if inRun[w] {
				n++
			}
		}
		out[i] = s.hi > s.lo && float64(n) >= sharedSentence*float64(s.hi-s.lo)
	}
	return out
}

type match struct {
	j   int
	sim float64
}

// termWeights gives each term its inverse document frequency over the
// sentences of both texts: a name that runs through both articles says
// little about which sentences match, a rare word they share says much.
func termWeights(a, b *analysis) map[uint32]float64 {
	df := map[uint32]int{}
	n := 0
	for _, x := range [2]*analysis{a, b} {
		for _, s := range x.sents {
			for _, t := range s.terms {
				df[t]++
			}
			n++
		}
	}
	w := make(map[uint32]float64, len(df))
	for t, d := range df {
		w[t] = 1 + math.Log(float64(n+1)/float64(d+1))
	}
	return w
}

// rewordedSimilarity is how alike two sentences are as one statement
// reworded: the mean of similarity's two Dice coefficients (word
// features, character 4-grams) and the cosine of their terms weighted by
// termWeights. The weighted terms see a fact retold in other words,
// which shares its rare terms; the Dice coefficients keep two statements
// that share one rare name and little else apart. It is 0 for two
// sentences that share too little of what they say (minSaid,
// minSharedTerms): two statements about one person or body share its
// name whatever they say of it, a fact retold shares what is said.
func rewordedSimilarity(a, b *sentence, w map[uint32]float64) float64 {
	if intersection(a.terms, b.terms) < minSharedTerms || weightedCosine(a.said, b.said, w) < minSaid {
		return 0
	}
	return (weightedCosine(a.terms, b.terms, w) + dice(a.stems, b.stems) + dice(a.grams, b.grams)) / 3
}

// weightedCosine is the cosine of two sorted term sets, each term
// weighing w[term].
func weightedCosine(a, b []uint32, w map[uint32]float64) float64 {
	var dot, na, nb float64
	for _, t := range a {
		na += w[t] * w[t]
	}
	for _, t := range b {
		nb += w[t] * w[t]
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch x, y := a[i], b[j]; {
		case x < y:
			i++
		case x > y:
			j++
		default:
			dot += w[x] * w[x]
			i, j = i+1, j+1
		}
	}
	if dot == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// bestMatches scores every pair of sentences that share a content word,
// through an inverted index of b's content words, and returns each
// sentence's best counterpart (j = -1: none); ties go to the earlier
// sentence, so the result is deterministic.
func bestMatches(a, b *analysis, w map[uint32]float64) (bestA, bestB []match) {
	bestA, bestB = make([]match, len(a.sents)), make([]match, len(b.sents))
	for i := range bestA {
		bestA[i] = match{-1, -1}
	}
	for j := range bestB {
		bestB[j] = match{-1, -1}
	}
	postings := map[uint32][]int32{}
	for j, s := range b.sents {
		if s.hi-s.lo < minMatchWords {
			continue
		}
		for _, f := range s.stems {
			postings[f] = append(postings[f], int32(j))
		}
	}
	hits := make([]int32, len(b.sents))
	var touched []int32
	for i := range a.sents {
		sa := &a.sents[i]
		if sa.hi-sa.lo < minMatchWords {
			continue
		}
		for _, f := range sa.stems {
			for _, j := range postings[f] {
				if hits[j] == 0 {
					touched = append(touched, j)
				}
				hits[j]++
			}
		}
		slices.Sort(touched)
		for _, j := range touched {
			sb := &b.sents[j]
			// hits[j] is exactly how many word features the two share:
			// too few and the pair is not worth scoring in full.
			words := 2 * float64(hits[j]) / float64(len(sa.stems)+len(sb.stems))
			hits[j] = 0
			if words < minWordDice {
				continue
			}
			sim := rewordedSimilarity(sa, sb, w)
			if sim > bestA[i].sim {
				bestA[i] = match{int(j), sim}
			}
			if sim > bestB[j].sim {
				bestB[j] = match{i, sim}
			}
		}
		touched = touched[:0]
	}
	return bestA, bestB
}

func share(mark []bool) float64 {
	if len(mark) == 0 {
		return 0
	}
	n := 0
	for _, m := range mark {
		if m {
			n++
		}
	}
	return round(float64(n) / float64(len(mark)))
}

// topQuotes are the longest shared runs, longest first.
func topQuotes(a *analysis, runs []run) []Quote {
	rs := slices.Clone(runs)
	slices.SortStableFunc(rs, func(x, y run) int { return cmp.Compare(y.n, x.n) })
	var out []Quote
	for _, r := range rs[:min(len(rs), 5)] {
		out = append(out, Quote{Text: a.quote(a.wordSpan(r.a, r.a+r.n)), Words: r.n})
	}
	return out
}
