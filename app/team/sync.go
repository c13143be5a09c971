package team

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/parallax-news/parallax/app"
)

// Syncer moves one store's changes to the team and the team's to it.
type Syncer struct {
	store Store
	net   Transport
	cfg   Config
	// Log receives each refused op's reason; nil discards them.
	Log     func(string)
	now     func() time.Time
	release func() // ends a TeamHold
	// revs remembers where this store keeps the revisions one plan looks
	// up: a batch's annotations name the same few revisions over and over.
	revs map[string]revLoc
}

type revLoc struct {
	article app.ArticleID
	n       int
}

// findRevision is FindRevisionByHash, remembered until the store takes
// new texts.
func (s *Syncer) findRevision(hash string) (app.ArticleID, int, error) {
	if loc, ok := s.revs[hash]; ok {
		return loc.article, loc.n, nil
	}
	id, n, err := s.store.FindRevisionByHash(hash)
	if err == nil {
		if s.revs == nil {
			s.revs = map[string]revLoc{}
		}
		s.revs[hash] = revLoc{id, n}
	}
	return id, n, err
}

// NewSyncer syncs st, which must be in a team, over net.
func NewSyncer(st Store, net Transport) (*Syncer, error) {
	cfg, err := st.TeamConfig()
	if err != nil {
		return nil, err
	}
	return &Syncer{store: st, net: net, cfg: cfg, now: time.Now}, nil
}

// Report says what one sync did.
type Report struct {
	Captured int      `json:"captured"` // local changes turned into ops
	Pushed   int      `json:"pushed"`
	Received int      `json:"received"`
	Applied  int      `json:"applied"`
	Refused  []string `json:"refused,omitempty"`
	Waiting  int      `json:"waiting"` // ops still in the outbox
	Seq      uint64   `json:"seq"`
}

// Sync captures local changes, publishes them, and applies what others
// published since the last sync. Ops stay in the outbox until the server
// has stored them, so a failure anywhere loses nothing: the next Sync
// goes on from where this one stopped.
func (s *Syncer) Sync(ctx context.Context) (Report, error) {
	var r Report
	err := s.sync(ctx, &r)
	if n, werr := s.store.TeamOutboxLen(); werr == nil {
		r.Waiting = n
	}
	if cfg, cerr := s.store.TeamConfig(); cerr == nil {
		r.Seq = cfg.Seq
	}
	return r, err
}

func (s *Syncer) sync(ctx context.Context, r *Report) error {
	n, err := s.Capture()
	r.Captured += n
	if err != nil {
		return err
	}
	if r.Pushed, err = s.Push(ctx); err != nil {
		return err
	}
	if err := s.Pull(ctx, r); err != nil {
		return err
	}
	// An article imported here since may be what a waiting annotation needs.
	if err := s.place(); err != nil {
		return err
	}
	// Changes made while pulling go out now rather than next time.
	n, err = s.Capture()
	r.Captured += n
	if err != nil {
		return err
	}
	pushed, err := s.Push(ctx)
	r.Pushed += pushed
	return err
}

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
	states := map[Kind]map[string]State{}
	state := func(k Kind, key string) (State, error) {
		if st, ok := states[k][key]; ok {
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
		return st, nil
	}
	keep := func(d State, at Stamp, texts []Text) {
		if d.Empty() {
			return
		}
		if states[d.Kind] == nil {
			states[d.Kind] = map[string]State{}
		}
		st := states[d.Kind][d.Key]
		if st.Key == "" {
			st = State{Kind: d.Kind, Key: d.Key}
			if got, err := s.store.TeamStates(d.Kind, []string{d.Key}); err == nil {
				if old, ok := got[d.Key]; ok {
					st = old
				}
			}
		}
		st.Join(d)
		states[d.Kind][d.Key] = st
		c.Ops = append(c.Ops, Op{ID: newOpID(), Project: s.cfg.Project, Analyst: s.cfg.Analyst, At: at, State: &d, Texts: texts})
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
		if err == nil {
			keep(d, at, nil)
		}
		return err
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
			keep(d, at, nil)
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
	for _, byKey := range states {
		for _, st := range byKey {
			c.States = append(c.States, st)
		}
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

func (s *Syncer) captureArticle(id app.ArticleID, at Stamp, seen uint64, names *Aliases, c *Captured, revHash func(app.ArticleID, int) (string, error), keep func(State, Stamp, []Text)) error {
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
				keep(State{Kind: ArticleKind, Key: st.Key, Dead: at}, at, nil)
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
	keep(d, at, texts)
	return nil
}

// Push publishes the outbox, oldest first, and removes what the server
// stored.
func (s *Syncer) Push(ctx context.Context) (int, error) {
	subject := Subject(s.cfg.Project, s.cfg.Analyst)
	total := 0
	for {
		ops, err := s.store.TeamOutbox(256)
		if err != nil || len(ops) == 0 {
			return total, err
		}
		if err := s.net.Publish(ctx, subject, ops); err != nil {
			return total, fmt.Errorf("publishing to the team: %w (the changes wait in the outbox)", err)
		}
		ids := make([]string, len(ops))
		for i, op := range ops {
			ids[i] = op.ID
		}
		if err := s.store.TeamPublished(ids); err != nil {
			return total, err
		}
		total += len(ops)
	}
}

// Pull applies what the stream holds after the last applied sequence.
func (s *Syncer) Pull(ctx context.Context, r *Report) error {
	cfg, err := s.store.TeamConfig()
	if err != nil {
		return err
	}
	held := false
	defer func() {
		if held {
			s.release()
		}
	}()
	err = s.net.Pull(ctx, cfg.Seq, func(msgs []Message) error {
		if !held && len(msgs) >= holdFrom {
			s.release, held = s.store.TeamHold(), true
		}
		r.Received += len(msgs)
		n, refused, err := s.Apply(msgs)
		r.Applied += n
		r.Refused = append(r.Refused, refused...)
		return err
	})
	if err != nil {
		return fmt.Errorf("receiving from the team: %w", err)
	}
	return nil
}

// holdFrom is the batch size from which a pull holds the store's upkeep
// until it ends: a first sync or a return from a long absence.
const holdFrom = 500

// Apply applies one batch of received messages and records the last
// one's sequence, in one transaction. It returns how many ops it applied
// and why it refused the others.
func (s *Syncer) Apply(msgs []Message) (int, []string, error) {
	if len(msgs) == 0 {
		return 0, nil, nil
	}
	clock := s.store.TeamClock()
	now := s.now()
	var ops []Op
	var refused []string
	for _, m := range msgs {
		var op Op
		err := json.Unmarshal(m.Data, &op)
		if err == nil {
			analyst, ok := AnalystOf(s.cfg.Project, m.Subject)
			if !ok {
				err = fmt.Errorf("subject %q is not one of project %q's", m.Subject, s.cfg.Project)
			} else {
				err = op.Check(s.cfg.Project, analyst, now)
			}
		} else {
			err = fmt.Errorf("not an op: %v", err)
		}
		if err != nil {
			why := fmt.Sprintf("message %d: %v", m.Seq, err)
			refused = append(refused, why)
			if s.Log != nil {
				s.Log(why)
			}
			continue
		}
		clock.Observe(op.At)
		if op.Rename != nil {
			op.Rename.Seq = m.Seq
		}
		ops = append(ops, op)
	}
	seq := msgs[len(msgs)-1].Seq
	// Local changes go into the team's state first, so that the merge
	// sees them.
	if _, err := s.Capture(); err != nil {
		return 0, refused, err
	}
	for attempt := 0; ; attempt++ {
		a, err := s.plan(ops)
		if err != nil {
			return 0, refused, err
		}
		a.Seq, a.Clock = seq, clock.Last()
		skipped, err := s.store.TeamApply(a)
		if err != nil {
			return 0, refused, err
		}
		if len(skipped) == 0 {
			break
		}
		if attempt == 5 {
			return 0, refused, app.Errorf(app.ECONFLICT, "%d things kept changing while team changes were applied; sync again", len(skipped))
		}
		// Someone changed those things meanwhile: capture, then merge again.
		// The others are applied; applying them again changes nothing.
		if _, err := s.Capture(); err != nil {
			return 0, refused, err
		}
	}
	return len(ops), refused, s.place()
}

// place retries annotations and memos whose article had not arrived.
func (s *Syncer) place() error {
	waiting, err := s.store.TeamUnplaced()
	if err != nil || len(waiting) == 0 {
		return err
	}
	s.revs = nil
	names, err := s.aliases()
	if err != nil {
		return err
	}
	var a Applied
	for _, st := range waiting {
		ch, err := s.project(st, names, nil)
		if err != nil {
			return err
		}
		if ch.Unplaced == nil {
			ch.Placed = &st
			a.Changes = append(a.Changes, ch)
		}
	}
	if len(a.Changes) == 0 {
		return nil
	}
	_, err = s.store.TeamApply(a)
	return err
}

func (s *Syncer) aliases() (*Aliases, error) {
	rs, err := s.store.TeamRenames()
	if err != nil {
		return nil, err
	}
	return NewAliases(rs), nil
}

// plan joins the ops into the states they change and works out what each
// joined state makes of this store's copy.
func (s *Syncer) plan(ops []Op) (Applied, error) {
	s.revs = nil // an apply or a local change since may have moved them
	var a Applied
	names, err := s.aliases()
	if err != nil {
		return a, err
	}
	type ref struct {
		kind Kind
		key  string
	}
	joined := map[ref]*State{}
	var order []ref
	texts := map[string]Text{}
	// The batch's states, read in one go per kind.
	keys := map[Kind][]string{}
	for _, op := range ops {
		if op.State != nil {
			keys[op.State.Kind] = append(keys[op.State.Kind], op.State.Key)
		}
	}
	stored := map[Kind]map[string]State{}
	for kind, ks := range keys {
		if stored[kind], err = s.store.TeamStates(kind, ks); err != nil {
			return a, err
		}
	}
	for _, op := range ops {
		if op.Rename != nil {
			names.Add(*op.Rename)
			a.Renames = append(a.Renames, *op.Rename)
			continue
		}
		k := ref{op.State.Kind, op.State.Key}
		st, ok := joined[k]
		if !ok {
			cur, ok := stored[k.kind][k.key]
			if !ok {
				cur = State{Kind: k.kind, Key: k.key}
			}
			st = &cur
			joined[k] = st
			order = append(order, k)
		}
		st.Join(*op.State)
		for _, t := range op.Texts {
			texts[t.Hash] = t
		}
	}
	// What uses a renamed tag here is projected again: a use made before
	// the rename goes by the new name.
	// Concurrent renames of one tag send its uses to the first: uses a
	// later one moved here go by that first rename's name too.
	shown := map[string]bool{}
	for _, r := range a.Renames {
		shown[r.From] = true
	}
	for range 8 { // renames of renames; a bound, since renames can cross
		grew := false
		for _, r := range names.All() {
			for from := range shown {
				if !app.TagWithin(from, r.From) {
					continue
				}
				if to := r.To + from[len(r.From):]; !shown[to] {
					shown[to], grew = true, true
				}
			}
		}
		if !grew {
			break
		}
	}
	for root := range shown {
		paths, arts, annos, memos, err := s.store.TeamTagUses(root)
		if err != nil {
			return a, err
		}
		add := func(kind Kind, keys []string) error {
			for _, key := range keys {
				k := ref{kind, key}
				if _, ok := joined[k]; ok {
					continue
				}
				got, err := s.store.TeamStates(kind, []string{key})
				if err != nil {
					return err
				}
				if st, ok := got[key]; ok {
					joined[k] = &st
					order = append(order, k)
				}
			}
			return nil
		}
		for _, id := range arts {
			keys, err := s.store.TeamArticleKeys(id)
			if err != nil {
				return a, err
			}
			if err := add(ArticleKind, keys[:min(1, len(keys))]); err != nil {
				return a, err
			}
		}
		if err := add(AnnotationKind, annos); err != nil {
			return a, err
		}
		if err := add(MemoKind, memos); err != nil {
			return a, err
		}
		if err := add(TagKind, paths); err != nil {
			return a, err
		}
	}
	// Articles first: annotations and memos are placed in them.
	slices.SortStableFunc(order, func(x, y ref) int {
		return boolInt(x.kind != ArticleKind) - boolInt(y.kind != ArticleKind)
	})
	for _, k := range order {
		ch, err := s.project(*joined[k], names, texts)
		if err != nil {
			return a, err
		}
		a.Changes = append(a.Changes, ch)
	}
	return a, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// project works out what a joined state makes of this store's copy.
func (s *Syncer) project(st State, names *Aliases, texts map[string]Text) (Change, error) {
	ch := Change{States: []State{st}}
	switch st.Kind {
	case TagKind:
		// A tag renamed since it was made lives under its new name.
		if st.Live() && names.ResolveAt(st.Key, st.latestLife()) == st.Key {
			t := tagFrom(st)
			ch.Tag = &t
		} else {
			ch.TagGone = st.Key
		}
	case AnnotationKind:
		a, an := annotationFrom(st, names)
		if !st.Live() {
			ch.AnnotationGone = st.Key
			return ch, nil
		}
		id, rev, err := s.findRevision(an.Revision)
		if app.ErrorCode(err) == app.ENOTFOUND {
			ch.Unplaced = &st
			return ch, nil
		}
		if err != nil {
			return ch, err
		}
		a.Article, a.Revision = id, rev
		ch.Annotation = &a
	case MemoKind:
		m, t := memoFrom(st, names)
		if !st.Live() {
			ch.MemoGone = st.Key
			return ch, nil
		}
		if m.Kind == app.ArticleMemo {
			id, _, err := s.findRevision(t.Article)
			if app.ErrorCode(err) == app.ENOTFOUND {
				ch.Unplaced = &st
				return ch, nil
			}
			if err != nil {
				return ch, err
			}
			m.Article = id
		}
		ch.Memo = &m
	case ArticleKind:
		return s.projectArticle(st, names, texts)
	}
	return ch, nil
}

func (s *Syncer) projectArticle(st State, names *Aliases, texts map[string]Text) (Change, error) {
	ch := Change{States: []State{st}, ArticleKey: st.Key}
	revs := st.Members(setRevs, nil)
	slices.SortStableFunc(revs, func(x, y string) int {
		return st.Sets[setRevs][x].Add.Compare(st.Sets[setRevs][y].Add)
	})
	var id app.ArticleID
	var missing []app.Draft
	for _, h := range revs {
		got, _, err := s.findRevision(h)
		switch {
		case err == nil:
			if id == 0 {
				id = got
			}
		case app.ErrorCode(err) != app.ENOTFOUND:
			return ch, err
		default:
			if t, ok := texts[h]; ok {
				missing = append(missing, t.Draft())
			}
		}
	}
	if !st.Live() {
		if id != 0 {
			ch.Article, ch.ArticleGone = id, true
		}
		return ch, nil
	}
	if len(missing) > 0 {
		stored, err := s.store.TeamIngest(missing)
		if err != nil {
			return ch, err
		}
		for _, r := range stored {
			if r.Err != nil {
				return ch, r.Err
			}
			if id == 0 {
				id = r.ID
			}
		}
	}
	if id == 0 {
		return ch, nil // its texts are not here: an op that only edits it
	}
	// Other keys the same article goes by (two analysts imported two
	// revisions of one page apart) all describe it.
	view := st
	if keys, err := s.store.TeamArticleKeys(id); err != nil {
		return ch, err
	} else if others := slices.DeleteFunc(keys, func(k string) bool { return k == st.Key }); len(others) > 0 {
		got, err := s.store.TeamStates(ArticleKind, others)
		if err != nil {
			return ch, err
		}
		for _, o := range got {
			view.Join(o)
		}
	}
	ch.Article = id
	ch.ArticleTags = view.Members(setTags, names.Resolve)
	ch.ArticleMeta = metaEdits(view)
	return ch, nil
}

// ErrNotInTeam is returned for a store that has joined no team.
var ErrNotInTeam = errors.New("this store is in no team: join one with 'team join URL --project NAME'")
