package compare

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/testenv"
)

// pacStory is one PAC story: the same event reported by a left and a
// right outlet.
type pacStory struct {
	id   int
	docs [2]pacDoc
}

type pacDoc struct {
	Title  string `json:"title"`
	Source string `json:"source"`
	News   []struct {
		Text string `json:"text"`
	} `json:"news"`
}

// text joins the article's sentences into one paragraph, so our own
// segmentation has to find them again.
func (d pacDoc) text() string {
	var ss []string
	for _, n := range d.News {
		ss = append(ss, strings.TrimSpace(n.Text))
	}
	return strings.Join(ss, " ")
}

func pacStories(t testing.TB) []pacStory {
	dir := testenv.Data(t, "same-event", "pac-partisan-events", "merged_annotations")
	var out []pacStory
	for id := 0; ; id++ {
		var s pacStory
		s.id = id
		for k := range 2 {
			b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("STORY_%d_DOCUMENT_%d.json", id, k)))
			if os.IsNotExist(err) {
				if id == 0 {
					t.Fatalf("no PAC stories in %s", dir)
				}
				return out
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &s.docs[k]); err != nil {
				t.Fatalf("STORY_%d_DOCUMENT_%d.json: %v", id, k, err)
			}
		}
		out = append(out, s)
	}
}

// TestRewordedThresholdOnPAC bounds RewordedThreshold from below. For
// every sentence of each story's first article it takes the best
// similarity to a sentence of the same story's other article (the same
// event: some sentences really are reworded) and to any sentence of the
// other stories' articles (other events: any match is by chance). The
// threshold must keep chance matches rare and still match a good share
// of same-event sentences; the log shows the trade-off around it.
//
// Two pairs of stories are not other events to each other: stories 5
// and 21 report the signing of Texas's six-week abortion law and the
// Supreme Court's ruling on it seven months later, and both restate
// what the law bars; stories 1 and 19 both report Trump's promises on
// health care, and both restate his promise on pre-existing conditions.
// A match between them can be the same fact, so it is not counted.
func TestRewordedThresholdOnPAC(t *testing.T) {
	stories := pacStories(t)
	sameSubject := map[[2]int]bool{{5, 21}: true, {21, 5}: true, {1, 19}: true, {19, 1}: true}
	var same, other []float64
	var docs [][2]*analysis
	for _, s := range stories {
		docs = append(docs, [2]*analysis{analyse(s.docs[0].text()), analyse(s.docs[1].text())})
	}
	for k, d := range docs {
		a := d[0]
		bestSame, _ := bestMatches(a, d[1], termWeights(a, d[1]))
		bestOther := make([]float64, len(a.sents))
		for k2, d2 := range docs {
			for _, c := range d2 {
				if k2 == k || sameSubject[[2]int{stories[k].id, stories[k2].id}] {
					continue
				}
				best, _ := bestMatches(a, c, termWeights(a, c))
				for i, m := range best {
					bestOther[i] = max(bestOther[i], m.sim)
				}
			}
		}
		for i := range a.sents {
			same = append(same, bestSame[i].sim)
			other = append(other, bestOther[i])
		}
	}
	rate := func(xs []float64, thr float64) float64 {
		n := 0
		for _, x := range xs {
			if x >= thr {
				n++
			}
		}
		return float64(n) / float64(len(xs))
	}
	for thr := 0.12; thr <= 0.53; thr += 0.04 {
		t.Logf("threshold %.2f: same event %5.1f%% of sentences matched, other event %4.1f%%", thr, 100*rate(same, thr), 100*rate(other, thr))
	}
	sameRate, otherRate := rate(same, RewordedThreshold), rate(other, RewordedThreshold)
	t.Logf("RewordedThreshold %.2f over %d sentences: same event %.1f%%, other event %.1f%%", RewordedThreshold, len(same), 100*sameRate, 100*otherRate)
	if otherRate > 0.01 {
		t.Errorf("%.1f%% of sentences match an article about another event at %.2f: threshold too low", 100*otherRate, RewordedThreshold)
	}
	// Within an event, matches must clearly outnumber chance ones; which
	// of them are right is TestParaphraseOnPAC's labelled measure.
	if sameRate < 5*otherRate || sameRate < 0.05 {
		t.Errorf("only %.1f%% of sentences match within the same event: threshold too high", 100*sameRate)
	}
}

// TestCoverageOnPAC compares each PAC story's two articles and checks
// what can be checked by hand: a shared passage has the same words on
// both sides, a reworded pair reaches the threshold, and a sentence
// marked unique has no sentence on the other side at the threshold.
func TestCoverageOnPAC(t *testing.T) {
	for _, s := range pacStories(t) {
		ta, tb := s.docs[0].text(), s.docs[1].text()
		pairs, sum := Texts(ta, tb, Coverage)
		t.Logf("story %2d %-22.22s vs %-22.22s covered %3.0f%% / %3.0f%%, verbatim %3.0f%% / %3.0f%%, %d shared, %d reworded, %d+%d unique",
			s.id, s.docs[0].Source, s.docs[1].Source, 100*sum.CoveredA, 100*sum.CoveredB, 100*sum.SharedA, 100*sum.SharedB,
			sum.Shared, sum.Reworded, sum.UniqueA, sum.UniqueB)
		a, b := analyse(ta), analyse(tb)
		w := termWeights(a, b)
		for _, p := range pairs {
			switch p.Kind {
			case Shared:
				if termsIn(ta, *p.A) != termsIn(tb, *p.B) || p.Words < MinRun {
					t.Errorf("story %d: shared %q is not %q", s.id, a.quote(*p.A), b.quote(*p.B))
				}
			case Reworded:
				if p.Similarity < RewordedThreshold {
					t.Errorf("story %d: reworded pair at %.3f", s.id, p.Similarity)
				}
			case Unique:
				one, other := a, b
				sp := p.A
				if p.A == nil {
					one, other, sp = b, a, p.B
				}
				for i := range one.sents {
					if one.sents[i].span != *sp {
						continue
					}
					for j := range other.sents {
						if sim := rewordedSimilarity(&one.sents[i], &other.sents[j], w); sim >= RewordedThreshold {
							t.Errorf("story %d: %q is marked unique but %q is %.3f like it", s.id, one.quote(*sp), other.quote(other.sents[j].span), sim)
						}
					}
				}
			default:
				t.Errorf("story %d: %s pair in coverage mode", s.id, p.Kind)
			}
		}
		for _, q := range sum.TopQuotes {
			if !strings.Contains(ta, q.Text) {
				t.Errorf("story %d: top quote %q is not in the first article", s.id, q.Text)
			}
		}
	}
}
