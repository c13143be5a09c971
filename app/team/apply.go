package team

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/parallax-news/parallax/app"
)

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
