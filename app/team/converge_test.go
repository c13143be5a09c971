package team_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/team"
	"github.com/parallax-news/parallax/app/team/teamtest"
	"github.com/parallax-news/parallax/internal/teststore"
	"github.com/parallax-news/parallax/store"
)

// replica is one analyst's store and connection.
type replica struct {
	name string
	st   *store.Store
	conn *teamtest.Conn
	sync *team.Syncer
}

func newReplica(t testing.TB, name string, stream *teamtest.Stream) *replica {
	return newReplicaNamed(t, name, "kremlin-talks", stream)
}

func newReplicaNamed(t testing.TB, name, project string, stream *teamtest.Stream) *replica {
	st := teststore.Open(t)
	if err := st.JoinTeam(team.Config{URL: "memory:", Project: project, Analyst: name}); err != nil {
		t.Fatal(err)
	}
	conn := &teamtest.Conn{Stream: stream, Batch: 7}
	sy, err := team.NewSyncer(st, conn)
	if err != nil {
		t.Fatal(err)
	}
	return &replica{name: name, st: st, conn: conn, sync: sy}
}

var corpus = []struct{ url, title, body string }{
	{"https://tass.example/1", "Kremlin invites Zelenskiy to Moscow", "The Kremlin said on Tuesday it had invited President Zelenskiy to Moscow for talks. A spokesman said the offer stood."},
	{"https://kyiv.example/2", "Kyiv rejects Moscow venue", "Kyiv said it would not send its president to Moscow. Officials proposed a neutral venue instead."},
	{"https://west.example/3", "Peace talks offer met with doubt", "Western diplomats doubted the offer was sincere. The invitation came as fighting continued in the east."},
	{"https://tass.example/4", "Peskov: offer stands", "Dmitry Peskov repeated that the invitation to Moscow was serious and remained open."},
	{"", "Untitled wire copy", "A short wire item without a link, imported by two analysts from the same file."},
}

func (r *replica) draft(i int) app.Draft {
	c := corpus[i]
	body := app.JoinParagraphs([]string{c.body})
	return app.Draft{Meta: app.Meta{Title: c.title, URL: c.url, Outlet: "wire", Imported: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		Hash: app.ContentHash(c.title, body), Words: app.CountWords(body), Paragraphs: 1}, Body: body}
}

// draftImport imports corpus text i.
func (r *replica) draftImport(t testing.TB, i int) {
	if _, err := r.st.Ingest([]app.Draft{r.draft(i)}); err != nil {
		t.Fatal(err)
	}
}

func (r *replica) articles(t testing.TB) []app.Article {
	var out []app.Article
	if err := r.st.ForEachArticle(func(a app.Article) error { out = append(out, a); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func (r *replica) annotations(t testing.TB) []app.Annotation {
	var out []app.Annotation
	if err := r.st.ForEachAnnotation(app.AnnotationFilter{}, func(a app.Annotation) error { out = append(out, a); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func (r *replica) memos(t testing.TB) []app.Memo {
	var out []app.Memo
	if err := r.st.ForEachMemo(app.MemoFilter{}, func(m app.Memo) error { out = append(out, m); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func (r *replica) view(t testing.TB) string { return teststore.Contents(t, r.st) }

// world drives random concurrent work on several replicas.
type world struct {
	t        testing.TB
	rng      *rand.Rand
	stream   *teamtest.Stream
	replicas []*replica
	created  map[string]string // annotation URI → the hash of the revision it was made on
	deleted  map[string]bool   // annotations someone deleted
	goneArts map[string]bool   // revision hashes of articles someone deleted
	refused  []string
}

var tagPool = []string{"actor/kremlin", "actor/kyiv", "frame/peace", "frame/threat", "source/official", "doubt"}

func (w *world) step(r *replica) {
	t, rng := w.t, w.rng
	arts := r.articles(t)
	switch n := rng.IntN(100); {
	case n < 15 || len(arts) == 0:
		i := rng.IntN(len(corpus))
		if _, err := r.st.Ingest([]app.Draft{r.draft(i)}); err != nil {
			t.Fatal(err)
		}
	case n < 40:
		a := arts[rng.IntN(len(arts))]
		rev, err := r.st.FindRevision(a.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		body := []rune(rev.Body)
		start := rng.IntN(len(body) - 10)
		end := start + 3 + rng.IntN(7)
		now := time.Now().UTC().Truncate(time.Millisecond)
		sel := anchor.Selector{Start: start, End: end, Quote: string(body[start:end])}
		saved, err := r.st.SaveAnnotation(app.Annotation{Article: a.ID, Revision: rev.Number, Selector: sel, Note: "note by " + r.name,
			Color: "#ffd700", Analyst: r.name, Created: now, Modified: now, Tags: []string{tagPool[rng.IntN(len(tagPool))]}})
		if err != nil {
			t.Fatal(err)
		}
		w.created[saved.URI] = rev.Hash
	case n < 55:
		annos := r.annotations(t)
		if len(annos) == 0 {
			return
		}
		a := annos[rng.IntN(len(annos))]
		switch rng.IntN(3) {
		case 0:
			a.Note = fmt.Sprintf("%s edited this (%d)", r.name, rng.IntN(1000))
		case 1:
			a.Color = []string{"#ff0000", "#00ff00", "#0000ff"}[rng.IntN(3)]
		case 2:
			a.Tags = app.UnionTags(a.Tags, []string{tagPool[rng.IntN(len(tagPool))]})
		}
		if _, err := r.st.SaveAnnotation(a); err != nil {
			t.Fatal(err)
		}
	case n < 62:
		annos := r.annotations(t)
		if len(annos) == 0 {
			return
		}
		a := annos[rng.IntN(len(annos))]
		if _, err := r.st.DeleteAnnotation(a.ID); err != nil {
			t.Fatal(err)
		}
		w.deleted[a.URI] = true
	case n < 72:
		a := arts[rng.IntN(len(arts))]
		tag := tagPool[rng.IntN(len(tagPool))]
		var err error
		if rng.IntN(3) == 0 {
			_, err = r.st.UntagArticle(a.ID, a.Tags)
		} else {
			_, err = r.st.TagArticle(a.ID, []string{tag})
		}
		if err != nil {
			t.Fatal(err)
		}
	case n < 76:
		if os.Getenv("PARALLAX_TEAM_NORENAME") != "" {
			return
		}
		tags, _ := r.st.Tags()
		if len(tags) == 0 {
			return
		}
		from := tags[rng.IntN(len(tags))].Path
		to := tagPool[rng.IntN(len(tagPool))] + "-" + r.name
		// Renaming a whole subtree while another analyst renames into it
		// can leave uses under different names (README, "Team mode"):
		// PARALLAX_TEAM_SUBTREES=1 includes those renames.
		if os.Getenv("PARALLAX_TEAM_SUBTREES") == "" && (tagHasChildren(tags, from) || strings.Contains(from, "-")) {
			return
		}
		if app.TagWithin(to, from) || from == to {
			return
		}
		if _, err := r.st.RenameTag(from, to, true); err != nil {
			t.Fatal(err)
		}
	case n < 80:
		tags, _ := r.st.Tags()
		if len(tags) == 0 {
			return
		}
		tg := tags[rng.IntN(len(tags))].Tag
		tg.Color = []string{"#aa0000", "#00aa00", "#0000aa"}[rng.IntN(3)]
		if err := r.st.SaveTag(tg); err != nil {
			t.Fatal(err)
		}
	case n < 86:
		a := arts[rng.IntN(len(arts))]
		now := time.Now().UTC().Truncate(time.Millisecond)
		m := app.Memo{Kind: app.ArticleMemo, Article: a.ID, Text: "memo by " + r.name, Analyst: r.name, Created: now, Modified: now}
		if memos := r.memos(t); len(memos) > 0 && rng.IntN(2) == 0 {
			m = memos[rng.IntN(len(memos))]
			m.Text = fmt.Sprintf("%s rewrote this memo (%d)", r.name, rng.IntN(1000))
		}
		if _, err := r.st.SaveMemo(m); err != nil {
			t.Fatal(err)
		}
	case n < 90:
		a := arts[rng.IntN(len(arts))]
		title := fmt.Sprintf("%s (corrected by %s)", corpus[rng.IntN(len(corpus))].title, r.name)
		if _, err := r.st.UpdateMeta([]app.ArticleID{a.ID}, func(m app.Meta) (app.Meta, error) {
			out, _, err := app.MetaEdit{Title: &title}.Apply(m)
			return out, err
		}); err != nil {
			t.Fatal(err)
		}
	case n < 93:
		a := arts[rng.IntN(len(arts))]
		for n := 1; n <= a.Revisions; n++ {
			rev, err := r.st.FindRevision(a.ID, n)
			if err != nil {
				t.Fatal(err)
			}
			w.goneArts[rev.Hash] = true
		}
		if _, err := r.st.DeleteArticle(a.ID); err != nil {
			t.Fatal(err)
		}
	default:
		r.conn.Offline = !r.conn.Offline
	}
}

func (w *world) syncOne(r *replica) {
	rep, err := r.sync.Sync(context.Background())
	w.refused = append(w.refused, rep.Refused...)
	if err != nil && !r.conn.Offline {
		w.t.Fatalf("%s: sync: %v", r.name, err)
	}
}

// TestConvergence has replicas make random concurrent changes, some while
// offline, and checks that after everyone syncs they all hold the same
// thing and no annotation that nobody deleted is lost.
func TestConvergence(t *testing.T) {
	seeds, rounds := 40, 60
	if testing.Short() {
		seeds = 10
	}
	if n, err := strconv.Atoi(os.Getenv("PARALLAX_TEAM_SEEDS")); err == nil {
		seeds, rounds = n, 150
	}
	for seed := range uint64(seeds) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { converge(t, seed, 3+int(seed%3), rounds) })
	}
}

func converge(t *testing.T, seed uint64, n, rounds int) {
	w := &world{t: t, rng: rand.New(rand.NewPCG(seed, 7)), stream: teamtest.NewStream(),
		created: map[string]string{}, deleted: map[string]bool{}, goneArts: map[string]bool{}}
	for i := range n {
		w.replicas = append(w.replicas, newReplica(t, fmt.Sprintf("analyst%d", i), w.stream))
	}
	for range rounds {
		r := w.replicas[w.rng.IntN(n)]
		w.step(r)
		if w.rng.IntN(3) == 0 {
			w.syncOne(w.replicas[w.rng.IntN(n)])
		}
	}
	for _, r := range w.replicas {
		r.conn.Offline = false
	}
	for range 3 {
		for _, r := range w.replicas {
			w.syncOne(r)
		}
	}
	if len(w.refused) > 0 {
		t.Fatalf("refused ops: %v", w.refused)
	}
	want := w.replicas[0].view(t)
	for _, r := range w.replicas[1:] {
		if got := r.view(t); got != want {
			t.Fatalf("seed %d: %s differs from %s:\n%s", seed, r.name, w.replicas[0].name, lineDiff(got, want))
		}
	}
	have := map[string]bool{}
	for _, a := range w.replicas[0].annotations(t) {
		have[a.URI] = true
	}
	for _, uri := range slices.Sorted(maps.Keys(w.created)) {
		if !have[uri] && !w.deleted[uri] && !w.goneArts[w.created[uri]] {
			t.Errorf("seed %d: annotation %s was created, nobody deleted it, and it is missing", seed, uri)
		}
	}
	if testing.Verbose() {
		t.Logf("seed %d: %d replicas, %d ops in the stream, %d annotations created, %d kept", seed, n, w.stream.Len(), len(w.created), len(have))
	}
}

// lineDiff lists the lines only one of two views has.
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for l := range strings.Lines(s) {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out strings.Builder
	for l := range strings.Lines(a) {
		if !mb[l] {
			out.WriteString("+ " + l)
		}
	}
	for l := range strings.Lines(b) {
		if !ma[l] {
			out.WriteString("- " + l)
		}
	}
	return out.String()
}

func tagHasChildren(tags []app.TagInfo, path string) bool {
	for _, t := range tags {
		if strings.HasPrefix(t.Path, path+"/") {
			return true
		}
	}
	return false
}
