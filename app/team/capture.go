package team

import (
	"slices"

	"github.com/parallax-news/parallax/app"
)

// captureBatch bounds the marks one Capture transaction consumes.
const captureBatch = 256

// Capture turns the store's marks into ops in the outbox. It returns how
// many ops it made.
func (s *Syncer) Capture() (int, error) {
	total := 0
	for {
		marks, err := s.store.TeamMarks(captureBatch)
		if err != nil || len(marks) == 0 {
			return total, err
		}
		var c Captured
		for attempt := 0; ; attempt++ {
			c, err = s.capture(marks)
			if err == nil {
				err = s.store.TeamCapture(c)
			}
			if app.ErrorCode(err) != app.ECONFLICT || attempt == 3 {
				break
			}
			// The analyst changed something again meanwhile: read again.
			if marks, err = s.store.TeamMarks(captureBatch); err != nil || len(marks) == 0 {
				return total, err
			}
		}
		if err != nil {
			return total, err
		}
		total += len(c.Ops)
		if len(c.Renames) > 0 {
			if err := s.reproject(c.Renames); err != nil {
				return total, err
			}
		}
	}
}

// reproject makes the uses of tags renamed here what the team's rules
// make of them: a rename here moved every use, the rules move those made
// before it, and not the uses an earlier rename of the same tag moved.
func (s *Syncer) reproject(rs []Rename) error {
	ops := make([]Op, len(rs))
	for i := range rs {
		ops[i] = Op{Rename: &rs[i]}
	}
	a, err := s.plan(ops)
	if err != nil {
		return err
	}
	a.Clock = s.store.TeamClock().Last()
	_, err = s.store.TeamApply(a)
	return err
}

// capture reads what each mark's thing now is and diffs it with the
// team's state of it.
func (s *Syncer) capture(marks []Mark) (Captured, error) {
	clock := s.store.TeamClock()
	renames, err := s.store.TeamRenames()
	if err != nil {
		return Captured{}, err
	}
	names := NewAliases(renames)
	cfg, err := s.store.TeamConfig()
	if err != nil {
		return Captured{}, err
	}
	seen := cfg.Seq // what this analyst had received when making these changes
	c := Captured{Marks: marks, ArticleKeys: map[string]app.ArticleID{}}
	type ref struct {
		kind Kind
		key  string
	}
	states := map[ref]State{} // read once each; those changed go back
	changed := map[ref]bool{}
	state := func(k Kind, key string) (State, error) {
		r := ref{k, key}
		if st, ok := states[r]; ok {
			return st, nil
		}
		got, err := s.store.TeamStates(k, []string{key})
		if err != nil {
			return State{}, err
		}
		st, ok := got[key]
		if !ok {
			st = State{Kind: k, Key: key}
		}
		states[r] = st
		return st, nil
	}
	keep := func(d State, at Stamp, texts []Text) error {
		if d.Empty() {
			return nil
		}
		st, err := state(d.Kind, d.Key)
		if err != nil {
			return err
		}
		st.Join(d)
		r := ref{d.Kind, d.Key}
		states[r], changed[r] = st, true
		c.Ops = append(c.Ops, Op{ID: newOpID(), Project: s.cfg.Project, Analyst: s.cfg.Analyst, At: at, State: &d, Texts: texts})
		return nil
	}
	// diffPlaced records what changed of an annotation or a memo. One that
	// went with its article (whose deletion says so) waits to come back
	// with it instead.
	diffPlaced := func(kind Kind, key string, exists bool, values map[string]any, sets map[string][]string, at Stamp) error {
		if key == "" {
			return nil
		}
		st, err := state(kind, key)
		if err != nil {
			return err
		}
		if !exists && !s.placed(st) {
			if st.Live() {
				c.Unplaced = append(c.Unplaced, st)
			}
			return nil
		}
		d, err := st.Diff(values, sets, exists, at, seen, names.Resolve)
		if err != nil {
			return err
		}
		return keep(d, at, nil)
	}
	hashes := map[[2]uint64]string{}
	revHash := func(id app.ArticleID, n int) (string, error) {
		k := [2]uint64{uint64(id), uint64(n)}
		if h, ok := hashes[k]; ok {
			return h, nil
		}
		rev, err := s.store.FindRevision(id, n)
		if err != nil {
			return "", err
		}
		hashes[k] = rev.Hash
		return rev.Hash, nil
	}
	// Renames first: the uses a rename moved here show the new name,
	// which is no change of theirs.
	for _, m := range marks {
		if m.Rename != nil {
			names.Add(*m.Rename)
		}
	}
	for _, m := range marks {
		clock.Observe(m.At)
		at := m.At
		switch m.Kind {
		case AnnotationKind:
			a, err := s.store.FindAnnotation(app.AnnotationID(m.ID))
			exists := err == nil
			if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
				return c, err
			}
			key := m.Key
			var values map[string]any
			var sets map[string][]string
			if exists {
				key = a.URI
				h, err := revHash(a.Article, a.Revision)
				if err != nil {
					return c, err
				}
				values, sets = annotationValues(a, h)
			}
			if err := diffPlaced(AnnotationKind, key, exists, values, sets, at); err != nil {
				return c, err
			}
		case MemoKind:
			m2, err := s.store.FindMemo(app.MemoID(m.ID))
			exists := err == nil
			if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
				return c, err
			}
			key := m.Key
			var values map[string]any
			if exists {
				key = m2.URI
				artKey := ""
				if m2.Kind == app.ArticleMemo {
					if artKey, err = s.articleKey(m2.Article, c.ArticleKeys, revHash); err != nil {
						return c, err
					}
				}
				values = memoValues(m2, artKey)
			}
			if err := diffPlaced(MemoKind, key, exists, values, nil, at); err != nil {
				return c, err
			}
		case TagKind:
			t, err := s.store.FindTag(m.Key)
			exists := err == nil
			if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
				return c, err
			}
			st, err := state(TagKind, m.Key)
			if err != nil {
				return c, err
			}
			values := tagValues(t)
			// A tag made by using it has no colour or description yet:
			// that says nothing against one the team gave it.
			for name, v := range values {
				if _, ok := st.Fields[name]; !ok && v == "" {
					delete(values, name)
				}
			}
			d, err := st.Diff(values, nil, exists, at, seen, nil)
			if err != nil {
				return c, err
			}
			// Renamed away but still defined here (something here uses the
			// old name): the team keeps it too.
			if exists && st.Live() && names.ResolveAt(st.Key, st.latestLife()) != st.Key {
				d.Born = at
			}
			if err := keep(d, at, nil); err != nil {
				return c, err
			}
		case ArticleKind:
			if err := s.captureArticle(app.ArticleID(m.ID), at, seen, names, &c, revHash, keep); err != nil {
				return c, err
			}
		default:
			if m.Rename != nil {
				r := *m.Rename
				c.Renames = append(c.Renames, r)
				c.Ops = append(c.Ops, Op{ID: newOpID(), Project: s.cfg.Project, Analyst: s.cfg.Analyst, At: r.At, Rename: &r})
			}
		}
	}
	for r := range changed {
		c.States = append(c.States, states[r])
	}
	c.Clock = clock.Last()
	return c, nil
}

// placed reports whether an annotation's or memo's article is in this
// store: one that is not went with its article.
func (s *Syncer) placed(st State) bool {
	var an Anchor
	var t MemoTarget
	switch {
	case st.Kind == AnnotationKind && st.Value("anchor", &an):
		_, _, err := s.store.FindRevisionByHash(an.Revision)
		return err == nil
	case st.Kind == MemoKind && st.Value("target", &t) && t.Kind == app.ArticleMemo:
		_, _, err := s.store.FindRevisionByHash(t.Article)
		return err == nil
	}
	return true
}

// articleKey is the key an article goes by: one the team knows it by, or
// its first revision's hash.
func (s *Syncer) articleKey(id app.ArticleID, learnt map[string]app.ArticleID, revHash func(app.ArticleID, int) (string, error)) (string, error) {
	keys, err := s.store.TeamArticleKeys(id)
	if err != nil {
		return "", err
	}
	if len(keys) > 0 {
		return keys[0], nil
	}
	for k, v := range learnt {
		if v == id {
			return k, nil
		}
	}
	h, err := revHash(id, 1)
	if err != nil {
		return "", err
	}
	learnt[h] = id
	return h, nil
}

func (s *Syncer) captureArticle(id app.ArticleID, at Stamp, seen uint64, names *Aliases, c *Captured, revHash func(app.ArticleID, int) (string, error), keep func(State, Stamp, []Text) error) error {
	keys, err := s.store.TeamArticleKeys(id)
	if err != nil {
		return err
	}
	a, err := s.store.FindArticleByID(id)
	if app.ErrorCode(err) == app.ENOTFOUND {
		got, err := s.store.TeamStates(ArticleKind, keys)
		if err != nil {
			return err
		}
		for _, st := range got {
			if st.Live() {
				if err := keep(State{Kind: ArticleKind, Key: st.Key, Dead: at}, at, nil); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err != nil {
		return err
	}
	key, err := s.articleKey(id, c.ArticleKeys, revHash)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		keys = []string{key}
	}
	got, err := s.store.TeamStates(ArticleKind, keys)
	if err != nil {
		return err
	}
	view := State{Kind: ArticleKind, Key: key}
	for _, st := range got {
		view.Join(st)
	}
	var hashes []string
	var texts []Text
	for n := 1; n <= a.Revisions; n++ {
		rev, err := s.store.FindRevision(id, n)
		if err != nil {
			return err
		}
		hashes = append(hashes, rev.Hash)
		if e, ok := view.Sets[setRevs][rev.Hash]; !ok || !e.In() || !view.Live() {
			texts = append(texts, Text{Meta: rev.AsImported(), Body: rev.Body})
		}
	}
	values, sets := articleValues(a, hashes)
	d, err := view.Diff(values, sets, true, at, seen, names.Resolve)
	if err != nil {
		return err
	}
	if !view.Live() {
		// Re-imported after a deletion: every revision comes back.
		d.Born = at
		if d.Sets == nil {
			d.Sets = map[string]Set{}
		}
		if d.Sets[setRevs] == nil {
			d.Sets[setRevs] = Set{}
		}
		for _, h := range hashes {
			d.Sets[setRevs][h] = Elem{Add: at}
		}
	}
	// Revisions are never taken away: a text this store lacks (an op
	// that did not carry it) is still the article's.
	for h, e := range d.Sets[setRevs] {
		if e.Add.IsZero() {
			delete(d.Sets[setRevs], h)
		}
	}
	if len(d.Sets[setRevs]) == 0 {
		delete(d.Sets, setRevs)
	}
	texts = slices.DeleteFunc(texts, func(t Text) bool { _, ok := d.Sets[setRevs][t.Hash]; return !ok })
	d.Key = key
	// A tag's cut names the element it saw; the tags set is the view's
	// joined over every key, and the delta goes to the first.
	return keep(d, at, texts)
}
