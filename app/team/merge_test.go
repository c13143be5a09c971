package team

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

func st(wall int64, by string) Stamp { return Stamp{Wall: wall, By: by} }

func field(v string, at Stamp) Field {
	b, _ := json.Marshal(v)
	return Field{V: b, At: at}
}

// randomState makes a state of random writes by a few analysts.
func randomState(rng *rand.Rand) State {
	s := State{Kind: AnnotationKind, Key: "urn:x", Fields: map[string]Field{}, Sets: map[string]Set{"tags": {}}}
	by := []string{"ann", "bob", "cat"}
	for range rng.IntN(4) {
		s.Fields[[]string{"note", "color"}[rng.IntN(2)]] = field(string(rune('a'+rng.IntN(26))), st(rng.Int64N(20), by[rng.IntN(3)]))
	}
	for range rng.IntN(4) {
		s.Sets["tags"][[]string{"x", "y", "z"}[rng.IntN(3)]] = Elem{Add: st(rng.Int64N(20), by[rng.IntN(3)]), Cut: st(rng.Int64N(20), by[rng.IntN(3)])}
	}
	if rng.IntN(2) == 0 {
		s.Dead = st(rng.Int64N(20), by[rng.IntN(3)])
	}
	return s
}

// joined is x⊔y, leaving x as it was.
func joined(x, y State) State {
	z := x
	z.Fields, z.Sets = cloneFields(x.Fields), cloneSets(x.Sets)
	z.Join(y)
	return z
}

func TestJoinIsCommutativeAssociativeIdempotent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		a, b, c := randomState(rng), randomState(rng), randomState(rng)
		ab, ba := joined(a, b), joined(b, a)
		if !reflect.DeepEqual(ab, ba) {
			t.Fatalf("a⊔b ≠ b⊔a:\n%+v\n%+v", ab, ba)
		}
		abc := joined(ab, c)
		if !reflect.DeepEqual(abc, joined(a, joined(b, c))) {
			t.Fatalf("(a⊔b)⊔c ≠ a⊔(b⊔c)")
		}
		if again := joined(joined(abc, c), a); !reflect.DeepEqual(abc, again) {
			t.Fatalf("joining again changed the state")
		}
	}
}

func cloneFields(m map[string]Field) map[string]Field {
	out := map[string]Field{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func cloneSets(m map[string]Set) map[string]Set {
	out := map[string]Set{}
	for k, v := range m {
		s := Set{}
		for e, x := range v {
			s[e] = x
		}
		out[k] = s
	}
	return out
}

func TestMergeRules(t *testing.T) {
	base := State{Kind: AnnotationKind, Key: "u", Born: st(1, "ann"), Fields: map[string]Field{"note": field("first", st(1, "ann"))},
		Sets: map[string]Set{"tags": {"actor": {Add: st(1, "ann")}}}}
	tests := []struct {
		name      string
		deltas    []State
		wantNote  string
		wantTags  []string
		wantAlive bool
	}{
		{"later write wins", []State{{Fields: map[string]Field{"note": field("bob's", st(3, "bob"))}}, {Fields: map[string]Field{"note": field("cat's", st(2, "cat"))}}}, "bob's", []string{"actor"}, true},
		{"same millisecond: analyst breaks the tie", []State{{Fields: map[string]Field{"note": field("ann's", st(3, "ann"))}}, {Fields: map[string]Field{"note": field("bob's", st(3, "bob"))}}}, "bob's", []string{"actor"}, true},
		{"a remove takes only the adds it saw", []State{{Sets: map[string]Set{"tags": {"actor": {Cut: st(1, "ann")}}}}, {Sets: map[string]Set{"tags": {"actor": {Add: st(2, "bob")}}}}}, "first", []string{"actor"}, true},
		{"a remove after the add removes it", []State{{Sets: map[string]Set{"tags": {"actor": {Cut: st(1, "ann")}}}}}, "first", nil, true},
		{"a deletion wins over older edits", []State{{Fields: map[string]Field{"note": field("edit", st(2, "bob"))}}, {Dead: st(3, "cat")}}, "edit", []string{"actor"}, false},
		{"a newer edit brings it back", []State{{Dead: st(3, "cat")}, {Fields: map[string]Field{"note": field("kept", st(4, "bob"))}}}, "kept", []string{"actor"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := base
			s.Fields, s.Sets = cloneFields(base.Fields), cloneSets(base.Sets)
			for _, d := range tc.deltas {
				s.Join(d)
			}
			var note string
			s.Value("note", &note)
			if note != tc.wantNote || !reflect.DeepEqual(s.Members("tags", nil), tc.wantTags) || s.Live() != tc.wantAlive {
				t.Errorf("note %q tags %v live %v; want %q %v %v", note, s.Members("tags", nil), s.Live(), tc.wantNote, tc.wantTags, tc.wantAlive)
			}
		})
	}
}

func TestArticleComesBackOnlyByImport(t *testing.T) {
	s := State{Kind: ArticleKind, Key: "h", Born: st(1, "ann")}
	s.Join(State{Dead: st(2, "bob")})
	s.Join(State{Fields: map[string]Field{"title": field("edited", st(3, "cat"))}})
	if s.Live() {
		t.Fatal("an edit brought a deleted article back")
	}
	s.Join(State{Born: st(4, "cat")})
	if !s.Live() {
		t.Fatal("a re-import did not bring the article back")
	}
}

func TestAliases(t *testing.T) {
	a := NewAliases([]Rename{
		{From: "doubt", To: "frame/doubt", At: st(10, "ann")},
		{From: "frame", To: "lens", At: st(20, "bob")},
		{From: "x", To: "y", At: st(30, "ann")},
		{From: "y", To: "x", At: st(40, "bob")}, // renamed back
	})
	tests := []struct {
		tag   string
		added int64
		want  string
	}{
		{"doubt", 5, "lens/doubt"},       // both renames came after the use
		{"doubt", 15, "doubt"},           // a use of the old name made after the rename
		{"frame/peace", 5, "lens/peace"}, // a parent's rename moves its children
		{"x", 25, "x"},                   // there and back
		{"y", 35, "x"},
		{"other", 1, "other"},
	}
	for _, tc := range tests {
		if got := a.ResolveAt(tc.tag, st(tc.added, "cat")); got != tc.want {
			t.Errorf("ResolveAt(%s, %d) = %s, want %s", tc.tag, tc.added, got, tc.want)
		}
	}
}

// A rename moves the uses of analysts who had not seen it, however late
// their clocks say they made them, and not the uses of those who had.
func TestAliasesFollowWhatTheAdderHadSeen(t *testing.T) {
	a := NewAliases([]Rename{{From: "doubt", To: "frame/doubt", At: st(10, "cat"), Seq: 7}})
	tests := []struct {
		name string
		e    Elem
		want string
	}{
		{"made before it", Elem{Add: st(5, "bob"), Seen: 3}, "frame/doubt"},
		{"made later by someone who had not received it", Elem{Add: st(12, "bob"), Seen: 6}, "frame/doubt"},
		{"made after receiving it", Elem{Add: st(12, "bob"), Seen: 7}, "doubt"},
		{"made after it by the renamer", Elem{Add: st(11, "cat"), Seen: 0}, "doubt"},
	}
	for _, tc := range tests {
		if got := a.Resolve("doubt", tc.e); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	// Before the rename is in the stream, only its author has seen it.
	b := NewAliases([]Rename{{From: "doubt", To: "frame/doubt", At: st(10, "cat")}})
	if got := b.Resolve("doubt", Elem{Add: st(12, "bob"), Seen: 1000}); got != "frame/doubt" {
		t.Errorf("an unpublished rename seen by another: %s", got)
	}
}

func TestClockIsMonotonicAndObserves(t *testing.T) {
	c := NewClock("ann", Stamp{})
	wall := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return wall }
	a := c.Now()
	b := c.Now()
	if !b.After(a) || b.Wall != a.Wall {
		t.Fatalf("two readings in one millisecond: %v then %v", a, b)
	}
	c.Observe(Stamp{Wall: wall.UnixMilli() + 5000, N: 3, By: "bob"})
	d := c.Now()
	if d.Wall != wall.UnixMilli()+5000 || d.N != 4 || d.By != "ann" {
		t.Fatalf("after seeing a later stamp the clock reads %v", d)
	}
}

func TestCheckRefuses(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	at := Stamp{Wall: now.UnixMilli(), By: "ann"}
	good := func() Op {
		return Op{ID: strings.Repeat("ab", 16), Project: "p", Analyst: "ann", At: at,
			State: &State{Kind: AnnotationKind, Key: "urn:x", Fields: map[string]Field{"note": field("n", at)}}}
	}
	if err := func() *Op { o := good(); return &o }().Check("p", "ann", now); err != nil {
		t.Fatalf("a good op was refused: %v", err)
	}
	tests := []struct {
		name   string
		change func(*Op)
		sender string
		want   string
	}{
		{"bad id", func(o *Op) { o.ID = "x" }, "ann", "not 32 hex"},
		{"foreign project", func(o *Op) { o.Project = "other" }, "ann", "belongs to project"},
		{"forged analyst", func(o *Op) {}, "bob", "was published by"},
		{"stamp by another", func(o *Op) { o.At.By = "bob"; o.State.Fields["note"] = field("n", o.At) }, "ann", "stamped by"},
		{"far future", func(o *Op) {
			o.At.Wall += int64(time.Hour / time.Millisecond)
			o.State.Fields["note"] = field("n", o.At)
		}, "ann", "ahead of this machine's clock"},
		{"field stamped otherwise", func(o *Op) { o.State.Fields["note"] = field("n", st(1, "ann")) }, "ann", "not stamped as the op"},
		{"empty", func(o *Op) { o.State.Fields = nil }, "ann", "changes nothing"},
		{"unknown kind", func(o *Op) { o.State.Kind = "spaceship" }, "ann", "unknown kind"},
		{"text with a wrong hash", func(o *Op) {
			o.State.Kind = ArticleKind
			o.Texts = []Text{{Body: "body"}}
		}, "ann", "does not match"},
	}
	for _, tc := range tests {
		op := good()
		tc.change(&op)
		err := op.Check("p", tc.sender, now)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
}

func TestSubjects(t *testing.T) {
	for _, name := range []string{"ann", "Ann Smith", "x-ray", "Ольга", "a.b"} {
		subj := Subject("kremlin talks", name)
		got, ok := AnalystOf("kremlin talks", subj)
		if !ok || got != name {
			t.Errorf("%q → %s → %q, %v", name, subj, got, ok)
		}
		if strings.Count(subj, ".") != 2 {
			t.Errorf("subject %s has a token with a dot", subj)
		}
	}
	if _, ok := AnalystOf("p", "parallax.other.ann"); ok {
		t.Error("a subject of another project was taken")
	}
}
