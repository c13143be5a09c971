package team

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
)

// Kind is what a State describes.
type Kind string

const (
	AnnotationKind Kind = "annotation" // keyed by the annotation's URI
	MemoKind       Kind = "memo"       // keyed by the memo's URI
	TagKind        Kind = "tag"        // keyed by the tag's path: colour, description
	ArticleKind    Kind = "article"    // keyed by its first revision's hash
)

func (k Kind) valid() bool {
	switch k {
	case AnnotationKind, MemoKind, TagKind, ArticleKind:
		return true
	}
	return false
}

// Field is a last-writer-wins register: the value written with the latest
// stamp.
type Field struct {
	V  json.RawMessage `json:"v"`
	At Stamp           `json:"at"`
}

// Elem is one member of an add-wins set. Add is the latest stamp it was
// added with; Cut is the latest Add a remove had seen. It is in the set
// while an add is newer than every remove had seen: a remove takes away
// only the adds it knew of, so a concurrent add survives it.
type Elem struct {
	Add Stamp `json:"add"`
	Cut Stamp `json:"cut,omitzero"`
	// Seen is the stream sequence the adder had applied when adding: the
	// renames up to it were known to them (see Aliases).
	Seen uint64 `json:"seen,omitempty"`
}

// In reports whether the element is in the set.
func (e Elem) In() bool { return e.Add.After(e.Cut) }

// Set is an add-wins set of strings (tags, an article's revision hashes).
type Set map[string]Elem

// State is what the team knows of one thing: its fields, its sets, and
// when it was last created and deleted. States join: Join is
// commutative, associative and idempotent, so replicas that have joined
// the same states hold the same state, whatever the order.
type State struct {
	Kind   Kind             `json:"kind"`
	Key    string           `json:"key"`
	Fields map[string]Field `json:"fields,omitempty"`
	Sets   map[string]Set   `json:"sets,omitempty"`
	// Born is the latest (re)creation, Dead the latest deletion.
	Born Stamp `json:"born,omitzero"`
	Dead Stamp `json:"dead,omitzero"`
}

// Join merges o into s: per field the later write, per set element the
// later add and the later cut, the later birth and the later death.
func (s *State) Join(o State) {
	for name, f := range o.Fields {
		if s.Fields == nil {
			s.Fields = map[string]Field{}
		}
		// Equal stamps with different values cannot come from one clock;
		// the larger value wins, so that even forged ops join the same.
		if g, ok := s.Fields[name]; !ok || f.At.After(g.At) || f.At == g.At && bytes.Compare(f.V, g.V) > 0 {
			s.Fields[name] = f
		}
	}
	for name, set := range o.Sets {
		if s.Sets == nil {
			s.Sets = map[string]Set{}
		}
		mine := s.Sets[name]
		if mine == nil {
			mine = Set{}
			s.Sets[name] = mine
		}
		for v, e := range set {
			m := mine[v]
			seen := m.Seen
			if e.Add.After(m.Add) || e.Add == m.Add && e.Seen > seen {
				seen = e.Seen
			}
			mine[v] = Elem{Add: Max(m.Add, e.Add), Cut: Max(m.Cut, e.Cut), Seen: seen}
		}
	}
	s.Born = Max(s.Born, o.Born)
	s.Dead = Max(s.Dead, o.Dead)
}

// Latest is the latest stamp anywhere in the state.
func (s State) Latest() Stamp {
	t := Max(s.Born, s.Dead)
	for _, f := range s.Fields {
		t = Max(t, f.At)
	}
	for _, set := range s.Sets {
		for _, e := range set {
			t = Max(Max(t, e.Add), e.Cut)
		}
	}
	return t
}

// Live says whether the thing exists. A deletion wins over every older
// change. An article comes back only by a newer import (its text must
// travel with it); an annotation, memo or tag also by a newer edit, so
// that work done while someone else deleted the thing is not lost.
func (s State) Live() bool {
	if s.Kind == ArticleKind {
		return s.Born.After(s.Dead)
	}
	return s.latestLife().After(s.Dead)
}

func (s State) latestLife() Stamp {
	t := s.Born
	for _, f := range s.Fields {
		t = Max(t, f.At)
	}
	for _, set := range s.Sets {
		for _, e := range set {
			t = Max(t, e.Add)
		}
	}
	return t
}

// Value decodes a field into v; false if the field was never written.
func (s State) Value(name string, v any) bool {
	f, ok := s.Fields[name]
	if !ok {
		return false
	}
	return json.Unmarshal(f.V, v) == nil
}

// RenameFunc maps a set member to the name it goes by now
// (Aliases.Resolve); nil keeps names.
type RenameFunc func(member string, e Elem) string

// Members lists a set's members, each renamed by rename (tags follow
// renames, see Aliases), sorted and without repeats.
func (s State) Members(name string, rename RenameFunc) []string {
	var out []string
	for v, e := range s.Sets[name] {
		if e.In() {
			if rename != nil {
				v = rename(v, e)
			}
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Diff compares what a replica now has (values by field name, members
// by set name, whether it exists) with the state, and returns the change
// stamped at. rename maps set elements as Members does.
func (s State) Diff(values map[string]any, sets map[string][]string, exists bool, at Stamp, seen uint64, rename RenameFunc) (State, error) {
	d := State{Kind: s.Kind, Key: s.Key}
	live := s.Live()
	if !exists {
		if live {
			d.Dead = at
		}
		return d, nil
	}
	if !live {
		d.Born = at
	}
	for _, name := range slices.Sorted(maps.Keys(values)) {
		raw, err := json.Marshal(values[name])
		if err != nil {
			return d, err
		}
		if f, ok := s.Fields[name]; ok && bytes.Equal(f.V, raw) {
			continue
		}
		if d.Fields == nil {
			d.Fields = map[string]Field{}
		}
		d.Fields[name] = Field{V: raw, At: at}
	}
	for name, now := range sets {
		had := s.Sets[name]
		change := Set{}
		shown := map[string]bool{}
		for v, e := range had {
			shownAs := v
			if rename != nil {
				shownAs = rename(v, e)
			}
			if !e.In() {
				continue
			}
			shown[shownAs] = true
			if !slices.Contains(now, shownAs) {
				change[v] = Elem{Cut: e.Add}
			}
		}
		for _, v := range now {
			if !shown[v] {
				change[v] = Elem{Add: at, Seen: seen}
			}
		}
		if len(change) > 0 {
			if d.Sets == nil {
				d.Sets = map[string]Set{}
			}
			d.Sets[name] = change
		}
	}
	return d, nil
}

// Empty reports a state that says nothing.
func (s State) Empty() bool {
	return len(s.Fields) == 0 && len(s.Sets) == 0 && s.Born.IsZero() && s.Dead.IsZero()
}

// Rename is a tag renamed (or merged into another): uses of From that
// arrive later, from analysts who had not seen the rename, follow it too.
type Rename struct {
	From string `json:"from"`
	To   string `json:"to"`
	At   Stamp  `json:"at"`
	// Seq is the rename's place in the stream, 0 until it is there.
	Seq uint64 `json:"seq,omitempty"`
}

// Aliases are the renames a replica has seen. A rename applies to every
// use of the old name made by someone who had not seen it: made before
// it, or made by another analyst who had not yet received it (their
// uses "arrive later" and follow it too). A use made after seeing it is
// a new use of the old name. A tag renamed twice follows each rename in
// turn and one renamed back comes back: each step goes to a later
// rename, so following them never loops.
type Aliases struct {
	of map[string][]Rename // by From, oldest first
}

// NewAliases holds the given renames.
func NewAliases(rs []Rename) *Aliases {
	a := &Aliases{of: map[string][]Rename{}}
	for _, r := range rs {
		a.Add(r)
	}
	return a
}

// Add records a rename; adding one again only adds its place in the stream.
func (a *Aliases) Add(r Rename) {
	rs := a.of[r.From]
	i, found := slices.BinarySearchFunc(rs, r.At, func(x Rename, t Stamp) int { return x.At.Compare(t) })
	switch {
	case !found:
		a.of[r.From] = slices.Insert(rs, i, r)
	case r.Seq != 0:
		rs[i].Seq = r.Seq
	}
}

// All lists the renames recorded, for storing.
func (a *Aliases) All() []Rename {
	var out []Rename
	for _, rs := range a.of {
		out = append(out, rs...)
	}
	slices.SortFunc(out, func(x, y Rename) int { return x.At.Compare(y.At) })
	return out
}

// Resolve is the name a set member (a tag's use) goes by now. A rename
// of a parent moves its children: "actor/kremlin" follows "actor" → "who".
func (a *Aliases) Resolve(tag string, e Elem) string {
	return a.resolve(tag, func(r Rename) bool {
		knew := r.Seq != 0 && e.Seen >= r.Seq || e.Add.By == r.At.By && e.Add.After(r.At)
		return !knew
	})
}

// ResolveAt is the name a tag made at a stamp goes by now: renames made
// after it move it. Tag definitions and memos on tags carry no sequence.
func (a *Aliases) ResolveAt(tag string, made Stamp) string {
	return a.resolve(tag, func(r Rename) bool { return r.At.After(made) })
}

func (a *Aliases) resolve(tag string, applies func(Rename) bool) string {
	if a == nil || len(a.of) == 0 {
		return tag
	}
	var since Stamp
	for {
		next, at, ok := a.step(tag, since, applies)
		if !ok {
			return tag
		}
		tag, since = next, at
	}
}

// step finds the first rename after since of tag or a tag above it that
// applies.
func (a *Aliases) step(tag string, since Stamp, applies func(Rename) bool) (string, Stamp, bool) {
	var best Rename
	found := false
	for p := tag; ; {
		for _, r := range a.of[p] {
			if r.At.After(since) && applies(r) {
				if !found || best.At.After(r.At) {
					best, found = r, true
				}
				break
			}
		}
		i := lastSlash(p)
		if i < 0 {
			break
		}
		p = p[:i]
	}
	if !found {
		return "", since, false
	}
	return best.To + tag[len(best.From):], best.At, true
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}
