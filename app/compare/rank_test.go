package compare

import (
	"bufio"
	"cmp"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app/search"
)

// rankDoc is one article of a ranking test; event is -1 for a
// distractor, which is ranked against but never asked about.
type rankDoc struct {
	title, body string
	event       int
}

// rankings holds, per method, each query's ranking of the other
// documents (indices into the docs), best first.
type rankings map[string][][]int

// rankAll ranks, for every document with an event, all the others three
// ways: by similar (Similar's answer, from a real store), by exact
// Jaccard over the signature scan's candidates (Similar before issue
// 27), and by the TF-IDF baseline.
func rankAll(t *testing.T, docs []rankDoc, similar func(q int) []int) (rankings, []int) {
	var all Sketches
	stems := make([][]uint32, len(docs))
	for i, d := range docs {
		sig, st, ok := Sign(d.title, d.body)
		if !ok {
			t.Fatalf("document %d (%q) has no content words", i, d.title)
		}
		all.IDs = append(all.IDs, uint64(i))
		all.Sks = append(all.Sks, sig.Sketch())
		stems[i] = st
	}
	stemsOf := func(id uint64) ([]uint32, error) { return stems[id], nil }
	var queries []int
	for i, d := range docs {
		if d.event >= 0 {
			queries = append(queries, i)
		}
	}
	r := rankings{}
	baseline := tfidfBaseline(docs, queries)
	for k, q := range queries {
		cands, err := Rerank(stems[q], all.Nearest(&all.Sks[q], uint64(q), Candidates), stemsOf, Candidates)
		if err != nil {
			t.Fatal(err)
		}
		r["similar"] = append(r["similar"], similar(q))
		r["jaccard"] = append(r["jaccard"], neighbourIndices(cands))
		r["tf-idf"] = append(r["tf-idf"], baseline[k])
	}
	return r, queries
}

func neighbourIndices(ns []Neighbour) []int {
	out := make([]int, len(ns))
	for i, n := range ns {
		out[i] = int(n.ID)
	}
	return out
}

// score is recall@k, k being how many partners a query has (the share
// of its same-event partners in its top k), and the mean reciprocal rank
// of its first partner.
func score(docs []rankDoc, queries []int, ranked [][]int) (recall, mrr float64) {
	for k, q := range queries {
		partners := 0
		for i, d := range docs {
			if i != q && d.event == docs[q].event {
				partners++
			}
		}
		found := 0
		for rank, i := range ranked[k] {
			if docs[i].event != docs[q].event {
				continue
			}
			if found == 0 {
				mrr += 1 / float64(rank+1)
			}
			if rank < partners {
				found++
			}
		}
		recall += float64(found) / float64(partners)
	}
	n := float64(len(queries))
	return recall / n, mrr / n
}

// checkRanking logs every method's figures and fails when Similar does
// worse than exact Jaccard (its method before), than floor, or, with
// baseline, than the TF-IDF baseline.
func checkRanking(t *testing.T, docs []rankDoc, similar func(q int) []int, floor [2]float64, baseline bool) {
	r, queries := rankAll(t, docs, similar)
	fig := map[string][2]float64{}
	for _, m := range []string{"jaccard", "tf-idf", "similar"} {
		rec, mrr := score(docs, queries, r[m])
		fig[m] = [2]float64{rec, mrr}
		t.Logf("%-8s recall@partners %.3f, MRR %.3f over %d queries among %d articles", m, rec, mrr, len(queries), len(docs))
	}
	s, j := fig["similar"], fig["jaccard"]
	if baseline {
		floor = [2]float64{max(floor[0], fig["tf-idf"][0]), max(floor[1], fig["tf-idf"][1])}
	}
	if s[0] < max(j[0], floor[0]) || s[1] < max(j[1], floor[1]) {
		t.Errorf("Similar %.3f / %.3f, exact Jaccard %.3f / %.3f, floor %.3f / %.3f", s[0], s[1], j[0], j[1], floor[0], floor[1])
	}
}

// pacRankDocs are the 50 PAC articles, each story an event.
func pacRankDocs(t *testing.T) []rankDoc {
	var docs []rankDoc
	for _, s := range pacStories(t) {
		for _, d := range s.docs {
			docs = append(docs, rankDoc{d.Title, d.text(), s.id})
		}
	}
	return docs
}

// sameEventDocs hides the team's three-outlet reports of twelve events
// (testdata/same-event) among the BBC corpus.
func sameEventDocs(t testing.TB) []rankDoc {
	var docs []rankDoc
	for _, f := range readBBC(t) {
		docs = append(docs, rankDoc{f.title, f.body, -1})
	}
	events := map[string]int{}
	file := filepath.Join("..", "..", "testdata", "same-event", "events.txt")
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var cur *rankDoc
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "## "):
			event, _, _ := strings.Cut(strings.TrimPrefix(line, "## "), " ")
			if _, ok := events[event]; !ok {
				events[event] = len(events)
			}
			docs = append(docs, rankDoc{event: events[event]})
			cur = &docs[len(docs)-1]
		case cur == nil || line == "":
		case cur.title == "":
			cur.title = line
		default:
			cur.body += line + "\n\n"
		}
	}
	if len(events) < 10 {
		t.Fatalf("%s: %d events", file, len(events))
	}
	return docs
}

// tfidfBaseline ranks all documents for each query by the cosine of
// whole-word TF-IDF vectors (sublinear tf, idf over all documents, stop
// words left out): the textbook method Similar has to match.
func tfidfBaseline(docs []rankDoc, queries []int) [][]int {
	vecs := make([]map[string]float64, len(docs))
	df := map[string]int{}
	for i, d := range docs {
		tf := map[string]float64{}
		for _, text := range []string{d.title, d.body} {
			search.Tokens(text, func(tk search.Token) {
				if w := string(tk.Term); !tk.Joined && len(w) >= 3 && !stopwords[w] {
					tf[w]++
				}
			})
		}
		for w := range tf {
			df[w]++
		}
		vecs[i] = tf
	}
	n := float64(len(docs))
	for _, tf := range vecs {
		norm := 0.0
		for w, c := range tf {
			tf[w] = (1 + math.Log(c)) * math.Log(n/float64(df[w]))
			norm += tf[w] * tf[w]
		}
		for w := range tf {
			tf[w] /= math.Sqrt(norm)
		}
	}
	out := make([][]int, len(queries))
	for k, q := range queries {
		type scored struct {
			i   int
			sim float64
		}
		var ss []scored
		for i, v := range vecs {
			if i == q {
				continue
			}
			dot := 0.0
			for w, x := range vecs[q] {
				dot += x * v[w]
			}
			ss = append(ss, scored{i, dot})
		}
		slices.SortStableFunc(ss, func(x, y scored) int { return cmp.Compare(y.sim, x.sim) })
		for _, s := range ss[:min(len(ss), Candidates)] {
			out[k] = append(out[k], s.i)
		}
	}
	return out
}
