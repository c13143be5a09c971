package compare

import (
	"fmt"
	"strings"
	"testing"
)

// base is a text the team wrote, one sentence per line for building
// revisions; joined into paragraphs of three sentences.
var base = []string{
	"The Kremlin on Tuesday invited Ukraine's president to Moscow for peace talks.",
	"A spokesman said the offer stood for the rest of the month.",
	"Kyiv called the invitation a trap and refused to travel.",
	"Western diplomats said the proposal was aimed at European voters.",
	"Grain shipments from the southern ports resumed on Monday.",
	"Insurers raised premiums for ships entering the Black Sea.",
	"The foreign minister said any meeting must take place in a neutral country.",
	"Turkey offered to host the talks in Istanbul.",
	"Both sides exchanged prisoners over the weekend.",
	"Observers said the exchange was the largest since the spring.",
	"Energy prices fell after the announcement.",
	"Analysts expect further talks before the winter.",
}

func join(sents []string) string {
	var b strings.Builder
	for i, s := range sents {
		switch {
		case i == 0:
		case i%3 == 0:
			b.WriteString("\n\n")
		default:
			b.WriteString(" ")
		}
		b.WriteString(s)
	}
	return b.String()
}

// spanOf finds a sentence's span in text.
func spanOf(t *testing.T, text, sentence string) Span {
	t.Helper()
	i := strings.Index(text, sentence)
	if i < 0 {
		t.Fatalf("%q not in text", sentence)
	}
	start := len([]rune(text[:i]))
	return Span{start, start + len([]rune(sentence))}
}

func find(pairs []Pair, k Kind) []Pair {
	var out []Pair
	for _, p := range pairs {
		if p.Kind == k {
			out = append(out, p)
		}
	}
	return out
}

func TestIdenticalTextsAreAllShared(t *testing.T) {
	text := join(base)
	for _, mode := range []Mode{Auto, Revisions, Coverage} {
		pairs, sum := Texts(text, text, mode)
		if sum.SharedA != 1 || sum.SharedB != 1 || sum.CoveredA != 1 || sum.UniqueA+sum.UniqueB+sum.Reworded != 0 {
			t.Errorf("mode %q: %+v", mode, sum)
		}
		if mode == Auto && sum.Mode != Revisions {
			t.Errorf("auto picked %s for identical texts", sum.Mode)
		}
		if len(pairs) == 0 {
			t.Errorf("mode %q: no pairs", mode)
		}
	}
}

func TestRevisionsReportEveryChangeAtItsSpan(t *testing.T) {
	old := join(base)
	rev := append([]string{}, base...)
	inserted := "Officials in Kyiv later softened their tone."
	edited := strings.Replace(rev[6], "neutral country", "neutral capital", 1)
	rev[6] = edited
	moved := rev[9]
	rev = append(rev[:9], rev[10:]...) // move sentence 9 ...
	rev = append(rev, moved)           // ... to the end
	rev = append(rev[:5], rev[6:]...)  // delete sentence 5
	rev = append(rev[:2], append([]string{inserted}, rev[2:]...)...)
	neu := join(rev)

	pairs, sum := Texts(old, neu, Revisions)
	check := func(k Kind, a, b *Span) {
		t.Helper()
		for _, p := range find(pairs, k) {
			if (a == nil) == (p.A == nil) && (b == nil) == (p.B == nil) &&
				(a == nil || *a == *p.A) && (b == nil || *b == *p.B) {
				return
			}
		}
		t.Errorf("no %s pair at A %v B %v; %s pairs: %s", k, a, b, k, show(find(pairs, k)))
	}
	ptr := func(s Span) *Span { return &s }
	check(Inserted, nil, ptr(spanOf(t, neu, inserted)))
	check(Deleted, ptr(spanOf(t, old, base[5])), nil)
	check(Edited, ptr(spanOf(t, old, base[6])), ptr(spanOf(t, neu, edited)))
	check(Moved, ptr(spanOf(t, old, moved)), ptr(spanOf(t, neu, moved)))
	if n := len(find(pairs, Same)); n != len(base)-3 {
		t.Errorf("%d unchanged sentences, want %d", n, len(base)-3)
	}
	if len(pairs) != len(base)+1 {
		t.Errorf("%d pairs, want %d: %s", len(pairs), len(base)+1, show(pairs))
	}
	// The edit's word diff names exactly the changed word.
	e := find(pairs, Edited)[0]
	var del, ins []string
	or, nr := []rune(old), []rune(neu)
	for _, op := range e.Diff {
		switch op.Op {
		case OpDelete:
			del = append(del, string(or[op.A.Start:op.A.End]))
		case OpInsert:
			ins = append(ins, string(nr[op.B.Start:op.B.End]))
		}
	}
	if strings.Join(del, "|") != "country." || strings.Join(ins, "|") != "capital." {
		t.Errorf("word diff deleted %q, inserted %q", del, ins)
	}
	if sum.UniqueA != 1 || sum.UniqueB != 1 || sum.Reworded != 1 || sum.Shared != len(base)-2 {
		t.Errorf("summary %+v", sum)
	}
}

func TestCoverageFindsSharedRewordedAndUnique(t *testing.T) {
	a := "Moscow has invited Volodymyr Zelenskiy to come to the Russian capital for talks. " +
		"“We are ready to meet at any time in Moscow,” the Kremlin spokesman Dmitry Peskov told reporters. " +
		"The offer follows weeks of fighting near Zaporizhzhia."
	b := "Kyiv rejected the invitation at once. " +
		"Kremlin spokesman Dmitry Peskov said: “We are ready to meet at any time in Moscow.” " +
		"The Kremlin invited Zelenskiy to visit the Russian capital for negotiations."
	pairs, sum := Texts(a, b, Coverage)
	ar, br := []rune(a), []rune(b)
	sh := find(pairs, Shared)
	if len(sh) != 1 || !strings.Contains(string(ar[sh[0].A.Start:sh[0].A.End]), "We are ready to meet at any time in Moscow") ||
		termsIn(a, *sh[0].A) != termsIn(b, *sh[0].B) {
		t.Fatalf("shared: %s", show(sh))
	}
	rw := find(pairs, Reworded)
	if len(rw) != 1 || !strings.HasPrefix(string(ar[rw[0].A.Start:]), "Moscow has invited") || !strings.HasPrefix(string(br[rw[0].B.Start:]), "The Kremlin invited") {
		t.Fatalf("reworded: %s", show(rw))
	}
	var uniques []string
	for _, p := range find(pairs, Unique) {
		if p.A != nil {
			uniques = append(uniques, "A:"+string(ar[p.A.Start:p.A.End]))
		} else {
			uniques = append(uniques, "B:"+string(br[p.B.Start:p.B.End]))
		}
	}
	want := []string{"A:The offer follows weeks of fighting near Zaporizhzhia.", "B:Kyiv rejected the invitation at once."}
	if strings.Join(uniques, "\n") != strings.Join(want, "\n") {
		t.Errorf("unique:\n%s", strings.Join(uniques, "\n"))
	}
	if sum.Shared != 1 || sum.Reworded != 1 || sum.UniqueA != 1 || sum.UniqueB != 1 || len(sum.TopQuotes) != 1 {
		t.Errorf("summary %+v", sum)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := join(base), join(append(append([]string{}, base[6:]...), base[:6]...))
	p1, s1 := Texts(a, b, Auto)
	for range 5 {
		p2, s2 := Texts(a, b, Auto)
		if show(p1) != show(p2) || fmt.Sprint(s1) != fmt.Sprint(s2) {
			t.Fatal("two runs differ")
		}
	}
}

// termsIn is the folded words of a span, as runs compare them.
func termsIn(text string, s Span) string {
	var ws []string
	for _, w := range analyse(text).words {
		if w.span.Start >= s.Start && w.span.End <= s.End {
			ws = append(ws, w.term)
		}
	}
	return strings.Join(ws, " ")
}

func show(ps []Pair) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\n  %s A%v B%v %.3f", p.Kind, p.A, p.B, p.Similarity)
	}
	return b.String()
}
