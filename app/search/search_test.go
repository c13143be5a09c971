package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/testenv"
)

func terms(text string) string {
	var out []string
	Tokens(text, func(t Token) {
		s := string(t.Term)
		if t.Joined {
			s = "+" + s
		}
		out = append(out, s)
	})
	return strings.Join(out, " ")
}

func TestTokens(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ZELENSKIY met Zelenskiy", "zelenskiy met zelenskiy"},
		{"Café naïve Ångström", "cafe naive angstrom"},
		{"Russia’s and Russia's", "russia and russia"},
		{"don't O'Brien", "dont obrien +brien"},
		{"d’Estaing l'Europe qu'il I'm y'all", "destaing +estaing leurope +europe quil +il im yall +all"},
		{"O'Driscoll's rock'n'roll", "odriscoll +driscoll rocknroll"},
		{"a cease-fire deal", "a cease fire +ceasefire deal"},
		{"1,000 troops, 3.5% and 2025.", "1000 troops 3.5 and 2025"},
		{"Київ і Зеленський", "київ і зеленський"},
		{"Ёлка", "елка"},
		{"Straße Łódź", "strasse lodz"},
		{"— ... -- '", ""},
		{"Ὀδυσσεύς", "οδυσσευσ"},
	}
	for _, tt := range tests {
		if got := terms(tt.in); got != tt.want {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenOffsetsArePositionsAndCodePoints(t *testing.T) {
	var got []Token
	Tokens("Kyiv’s pro-Russian “bloc”", func(tok Token) {
		tok.Term = append([]byte(nil), tok.Term...)
		got = append(got, tok)
	})
	want := []Token{
		{Term: []byte("kyiv"), Pos: 0, Start: 0, End: 6},
		{Term: []byte("pro"), Pos: 1, Start: 7, End: 10},
		{Term: []byte("russian"), Pos: 2, Start: 11, End: 18},
		{Term: []byte("prorussian"), Pos: 1, Start: 7, End: 18, Joined: true},
		{Term: []byte("bloc"), Pos: 3, Start: 20, End: 24},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d tokens, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if string(g.Term) != string(w.Term) || g.Pos != w.Pos || g.Start != w.Start || g.End != w.End || g.Joined != w.Joined {
			t.Errorf("token %d = %+v (%s), want %+v (%s)", i, g, g.Term, w, w.Term)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Zelenskiy talks", `(zelenskiy talks)`},
		{`"Prime Minister"`, `"prime minister"`},
		{"putin OR kremlin moscow", `((putin OR kremlin) moscow)`},
		{"ukraine -russia", `(ukraine -russia)`},
		{"zelensk*", `zelensk*`},
		{"blair NEAR/5 brown", `blair NEAR/5 brown`},
		{"blair NEAR brown", `blair NEAR/10 brown`},
		{`title:"peace talks" note:disputed`, `(title:"peace talks" note:disputed)`},
		{"outlet:BBC tag:actor/russia after:2025-01-01 before:2025-02-01 kyiv", `(outlet:"bbc" tag:"actor/russia" after:2025-01-01 before:2025-02-01 kyiv)`},
		{"(a OR b) c", `((a OR b) c)`},
		{"pro-Russian", `"pro russian"`},
		{"after:2025-01-01", `after:2025-01-01`},
		{"10:30", `"10 30"`},
	}
	for _, tt := range tests {
		n, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := n.String(); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"prime minister`, "unbalanced quote"},
		{"(a b", "never closed"},
		{"a b)", "unexpected ')'"},
		{"-russia", "only excludes"},
		{"", "no words"},
		{"OR kyiv", "OR and NEAR go between"},
		{"kyiv OR", "ends where a word was expected"},
		{"after:yesterday", "wants a date"},
		{"a*", "at least two letters"},
		{"a NEAR/x b", "NEAR/ wants a number"},
		{"a NEAR (b c)", "NEAR joins"},
		{"title:", "has no value"},
		{"a OR -b", "cannot be one side of OR"},
		{`""`, "empty phrase"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want an error with %q", tt.in, tt.want)
			continue
		}
		if app.ErrorCode(err) != app.EINVALID || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want EINVALID with %q", tt.in, err, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`a "b c" -d e* f NEAR/2 g title:h outlet:"i j" (k OR l)`, `"`, `(((`, `-`, `NEAR/`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := Parse(q)
		if err == nil && n == nil {
			t.Fatalf("Parse(%q) returned neither a query nor an error", q)
		}
	})
}

func TestHighlightAndSnippet(t *testing.T) {
	q, err := Parse(`"prime minister" blair*`)
	if err != nil {
		t.Fatal(err)
	}
	body := "The Prime Minister spoke. Later, Blairite MPs met the prime\nminister’s aide and the minister."
	spans := newHighlighter(q).matches(body)
	rs := []rune(body)
	var got []string
	for _, s := range spans {
		got = append(got, string(rs[s.Start:s.End]))
	}
	want := []string{"Prime Minister", "Blairite", "prime\nminister’s"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("highlights = %q, want %q", got, want)
	}
	sn := snippet(body, spans)
	srs := []rune(sn.Text)
	for i, h := range sn.Highlights {
		if g := strings.ReplaceAll(string(srs[h.Start:h.End]), " ", "\n"); g != want[i] && string(srs[h.Start:h.End]) != want[i] {
			t.Errorf("snippet highlight %d = %q, want %q (snippet %q)", i, string(srs[h.Start:h.End]), want[i], sn.Text)
		}
	}
}

// allTokens lists every token with all its fields.
func allTokens(text string) []Token {
	var out []Token
	Tokens(text, func(t Token) {
		t.Term = []byte(string(t.Term))
		out = append(out, t)
	})
	return out
}

// checkFastPath holds the ASCII fast path to the general tokeniser.
func checkFastPath(t *testing.T, text string) {
	t.Helper()
	fast := allTokens(text)
	asciiFastPath = false
	general := allTokens(text)
	asciiFastPath = true
	if !reflect.DeepEqual(fast, general) {
		for i := range min(len(fast), len(general)) {
			if !reflect.DeepEqual(fast[i], general[i]) {
				t.Fatalf("%q: token %d: fast %+v (%s), general %+v (%s)", text, i, fast[i], fast[i].Term, general[i], general[i].Term)
			}
		}
		t.Fatalf("%q: %d tokens fast, %d general", text, len(fast), len(general))
	}
}

var fastPathSeeds = []string{
	"Plain words, and U.S. policy; 3.5% of 1,000 people in 2025.",
	"Russia's and Russia’s O'Brien don't cease-fire re-elect ‐ ‑",
	"café Zürich ZELENSKIY naïve x1.5x 1.x a.1 ,5 5, 5.",
	"end-", "-start", "'quoted'", "9,", "A", "", "ab\u0301c", "abcé", "x–y", "dot.com", "v2.0.1-rc",
}

func TestASCIIFastPathMatchesGeneral(t *testing.T) {
	for _, s := range fastPathSeeds {
		checkFastPath(t, s)
	}
	files := testenv.BBC(t)
	for _, f := range files {
		checkFastPath(t, f.Text)
	}
	if len(files) < 2000 {
		t.Fatalf("checked %d BBC texts", len(files))
	}
}

func FuzzASCIIFastPath(f *testing.F) {
	for _, s := range fastPathSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkFastPath(t, s) })
}

// An unbroken run of letters is indexed, and queried, by its first
// MaxTermBytes bytes, cut at a code point boundary.
func TestLongWordsAreCapped(t *testing.T) {
	for _, word := range []string{strings.Repeat("x", 5_000_000), strings.Repeat("ж", 1000), strings.Repeat("ab-", 500) + "c"} {
		var terms []string
		Tokens("before "+word+" after", func(tok Token) { terms = append(terms, string(tok.Term)) })
		for _, term := range terms {
			if len(term) > MaxTermBytes || !utf8.ValidString(term) {
				t.Fatalf("%.20s…: term of %d bytes (valid UTF-8: %v)", word, len(term), utf8.ValidString(term))
			}
		}
		if terms[0] != "before" || terms[len(terms)-1] != "after" {
			t.Errorf("%.20s…: the words around it are lost: %.40q", word, terms)
		}
		if f := Fold(word); f != terms[1] {
			t.Errorf("%.20s…: a query folds it to %.20q, the index to %.20q", word, f, terms[1])
		}
	}
}
