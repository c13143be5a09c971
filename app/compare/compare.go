package compare

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Mode is how two texts are aligned.
type Mode string

const (
	// Auto picks Revisions for two revisions of one article or for texts
	// that are mostly the same words in the same order, else Coverage.
	Auto Mode = ""
	// Revisions is an ordered diff, for versions of one text.
	Revisions Mode = "revisions"
	// Coverage matches passages in any order, for two outlets' reports.
	Coverage Mode = "coverage"
)

// ParseMode accepts "", "auto", "revisions" and "coverage".
func ParseMode(s string) (Mode, bool) {
	switch s {
	case "", "auto":
		return Auto, true
	case string(Revisions), string(Coverage):
		return Mode(s), true
	}
	return "", false
}

// Kind is what a pair of passages is.
type Kind string

const (
	Same     Kind = "same"     // revisions: an unchanged sentence
	Edited   Kind = "edited"   // revisions: a sentence changed in place
	Moved    Kind = "moved"    // revisions: an unchanged sentence elsewhere
	Deleted  Kind = "deleted"  // revisions: only in the older text
	Inserted Kind = "inserted" // revisions: only in the newer text
	Shared   Kind = "shared"   // coverage: a verbatim run of MinRun words or more
	Reworded Kind = "reworded" // coverage: the same statement in other words
	Unique   Kind = "unique"   // coverage: no counterpart on the other side
)

// Pair is one aligned passage: A and B are its spans in the two texts,
// one of them nil when the passage has no counterpart.
type Pair struct {
	Kind Kind  `json:"kind"`
	A    *Span `json:"a,omitempty"`
	B    *Span `json:"b,omitempty"`
	// Similarity is 1 for verbatim passages; for a passage without a
	// counterpart, that of the closest sentence on the other side.
	Similarity float64 `json:"similarity"`
	// Words is a shared run's length in words.
	Words int `json:"words,omitempty"`
	// Diff is the word-level diff of an edited or reworded pair.
	Diff []WordOp `json:"diff,omitempty"`
}

// Op is a word-diff operation.
type Op string

const (
	OpEqual  Op = "equal"
	OpDelete Op = "delete"
	OpInsert Op = "insert"
)

// WordOp is a run of words kept, deleted from A or inserted in B.
type WordOp struct {
	Op Op    `json:"op"`
	A  *Span `json:"a,omitempty"`
	B  *Span `json:"b,omitempty"`
}

// Quote is a verbatim passage both texts share.
type Quote struct {
	Text  string `json:"text"`
	Words int    `json:"words"`
}

// Summary sums an alignment up.
type Summary struct {
	Mode Mode `json:"mode"`
	// SharedA is the share of A's words that B has verbatim (in shared
	// runs; in revisions mode, in unchanged or moved sentences and the
	// kept words of edited ones); SharedB likewise for B.
	SharedA float64 `json:"sharedA"`
	SharedB float64 `json:"sharedB"`
	// CoveredA is the share of A's words in passages with a counterpart
	// in B, verbatim or reworded; CoveredB likewise.
	CoveredA float64 `json:"coveredA"`
	CoveredB float64 `json:"coveredB"`
	// Counts by kind of pair; UniqueA and UniqueB count passages found
	// only in A (deleted or unique) or only in B (inserted or unique).
	Shared   int `json:"shared"`
	Reworded int `json:"reworded"`
	UniqueA  int `json:"uniqueA"`
	UniqueB  int `json:"uniqueB"`
	// TopQuotes are the longest shared runs (coverage mode).
	TopQuotes []Quote `json:"topQuotes,omitempty"`
}

// String sums the alignment up in one line, in the mode's words.
func (s Summary) String() string {
	counts := fmt.Sprintf("%d shared, %d reworded, %d only in A, %d only in B", s.Shared, s.Reworded, s.UniqueA, s.UniqueB)
	if s.Mode == Revisions {
		counts = fmt.Sprintf("%d unchanged or moved, %d edited, %d deleted, %d inserted", s.Shared, s.Reworded, s.UniqueA, s.UniqueB)
	}
	return fmt.Sprintf("%s: A %.0f%% verbatim in B, %.0f%% with a counterpart; B %.0f%% verbatim in A, %.0f%% with a counterpart; %s",
		s.Mode, 100*s.SharedA, 100*s.CoveredA, 100*s.SharedB, 100*s.CoveredB, counts)
}

func (s *Summary) count(pairs []Pair) {
	for _, p := range pairs {
		switch {
		case p.Kind == Same || p.Kind == Moved || p.Kind == Shared:
			s.Shared++
		case p.Kind == Edited || p.Kind == Reworded:
			s.Reworded++
		case p.A != nil:
			s.UniqueA++
		default:
			s.UniqueB++
		}
	}
}

// Texts aligns two texts. mode Auto picks Revisions when the texts are
// mostly the same words in the same order.
func Texts(a, b string, mode Mode) ([]Pair, Summary) {
	x, y := analyse(a), analyse(b)
	if mode == Auto {
		mode = Coverage
		if looksLikeRevisions(x, y) {
			mode = Revisions
		}
	}
	if mode == Revisions {
		return revisions(x, y)
	}
	return coverage(x, y)
}

// looksLikeRevisions: verbatim runs cover at least half of each text.
func looksLikeRevisions(a, b *analysis) bool {
	inA, inB := 0, 0
	for _, r := range sharedRuns(a, b) {
		inA += r.n
		inB += r.n
	}
	return len(a.words) > 0 && len(b.words) > 0 && 2*inA >= len(a.words) && 2*inB >= len(b.words)
}

// sortPairs orders pairs by their place in A, then the B-only ones by
// their place in B after the A passage they follow.
func sortPairs(pairs []Pair) {
	key := func(p Pair) (int, int) {
		a, b := math.MaxInt, math.MaxInt
		if p.A != nil {
			a = p.A.Start
		}
		if p.B != nil {
			b = p.B.Start
		}
		return a, b
	}
	slices.SortStableFunc(pairs, func(x, y Pair) int {
		xa, xb := key(x)
		ya, yb := key(y)
		if c := cmp.Compare(xa, ya); c != 0 {
			return c
		}
		return cmp.Compare(xb, yb)
	})
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }
