package compare

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/testenv"
)

// bbcFile is one BBC story file: its headline (first line) and body.
type bbcFile struct {
	path, title, body string
}

func readBBC(t testing.TB) []bbcFile {
	var out []bbcFile
	for _, f := range testenv.BBC(t) {
		title, body, _ := strings.Cut(f.Text, "\n")
		out = append(out, bbcFile{f.Path, strings.Join(strings.Fields(title), " "), strings.TrimSpace(body)})
	}
	return out
}

// bbcRevisions pairs the stories the corpus holds in two versions: same
// headline, different text (the core store makes them one article with
// two revisions).
func bbcRevisions(t testing.TB) [][2]bbcFile {
	byTitle := map[string][]bbcFile{}
	var titles []string
	for _, f := range readBBC(t) {
		k := strings.ToLower(f.title)
		if len(byTitle[k]) == 0 {
			titles = append(titles, k)
		}
		byTitle[k] = append(byTitle[k], f)
	}
	var out [][2]bbcFile
	for _, k := range titles {
		fs := byTitle[k]
		for i := 1; i < len(fs); i++ {
			if strings.Join(strings.Fields(fs[i].body), " ") != strings.Join(strings.Fields(fs[0].body), " ") {
				out = append(out, [2]bbcFile{fs[0], fs[i]})
				break
			}
		}
	}
	return out
}

// lineDiff is a plain LCS diff of two texts' non-empty lines; it returns
// the lines of each that are not common, as code point spans.
func lineDiff(a, b string) (changedA, changedB []Span) {
	la, lb := lines(a), lines(b)
	key := func(text string, s Span) string {
		return strings.Join(strings.Fields(string([]rune(text)[s.Start:s.End])), " ")
	}
	n, m := len(la), len(lb)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if key(a, la[i]) == key(b, lb[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && key(a, la[i]) == key(b, lb[j]):
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			changedB = append(changedB, lb[j])
			j++
		default:
			changedA = append(changedA, la[i])
			i++
		}
	}
	return changedA, changedB
}

func lines(text string) []Span {
	var out []Span
	start := 0
	rs := []rune(text)
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == '\n' {
			if strings.TrimSpace(string(rs[start:i])) != "" {
				out = append(out, Span{start, i})
			}
			start = i + 1
		}
	}
	return out
}

func overlaps(s Span, in []Span) bool {
	for _, x := range in {
		if s.Start < x.End && x.Start < s.End {
			return true
		}
	}
	return false
}

// TestBBCRevisionsAgainstLineDiff compares the corpus's two-version
// stories in revisions mode against a plain line diff of their files:
// every sentence of a changed line that the other version lacks is
// reported, and every reported change lies in a changed line.
func TestBBCRevisionsAgainstLineDiff(t *testing.T) {
	pairs := bbcRevisions(t)
	if len(pairs) != 29 {
		t.Fatalf("%d two-version stories, the corpus has 29", len(pairs))
	}
	changes := 0
	for _, p := range pairs {
		a, b := p[0].body, p[1].body
		changedA, changedB := lineDiff(a, b)
		aligned, _ := Texts(a, b, Revisions)
		var reportedA, reportedB []Span
		for _, x := range aligned {
			if x.Kind == Same {
				continue
			}
			changes++
			if x.A != nil {
				reportedA = append(reportedA, *x.A)
				if !overlaps(*x.A, changedA) {
					t.Errorf("%s: %s sentence %q is in a line the line diff keeps", p[0].path, x.Kind, string([]rune(a)[x.A.Start:x.A.End]))
				}
			}
			if x.B != nil {
				reportedB = append(reportedB, *x.B)
				if !overlaps(*x.B, changedB) {
					t.Errorf("%s: %s sentence %q is in a line the line diff keeps", p[1].path, x.Kind, string([]rune(b)[x.B.Start:x.B.End]))
				}
			}
		}
		// A sentence of a changed line whose words the other version does
		// not have in that order is a changed sentence: it must be
		// reported. (Sentences of lines that were only re-wrapped into
		// other paragraphs are the same sentences.)
		mustReport := func(text, other string, changed, reported []Span, path string) {
			flat := " " + strings.Join(strings.Fields(other), " ") + " "
			for _, s := range Sentences(text) {
				q := string([]rune(text)[s.Start:s.End])
				if overlaps(s, changed) && !strings.Contains(flat, " "+strings.Join(strings.Fields(q), " ")+" ") && !overlaps(s, reported) {
					t.Errorf("%s: changed sentence %q is not reported", path, q)
				}
			}
		}
		mustReport(a, b, changedA, reportedA, p[0].path)
		mustReport(b, a, changedB, reportedB, p[1].path)
	}
	t.Logf("%d stories, %d changed sentences reported", len(pairs), changes)
}
