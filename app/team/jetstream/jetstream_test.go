package jetstream_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/team"
	"github.com/parallax-news/parallax/app/team/jetstream"
	"github.com/parallax-news/parallax/internal/teststore"
	"github.com/parallax-news/parallax/store"
)

const project = "kremlin-talks"

func serve(t *testing.T, dir string, port int) *server.Server {
	t.Helper()
	ns, err := jetstream.Serve(jetstream.ServeOptions{Port: port, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ns.Shutdown)
	return ns
}

type analyst struct {
	name string
	st   *store.Store
	url  string
}

func join(t *testing.T, name, url string) *analyst {
	st := teststore.Open(t)
	if err := st.JoinTeam(team.Config{URL: url, Project: project, Analyst: name}); err != nil {
		t.Fatal(err)
	}
	return &analyst{name: name, st: st, url: url}
}

// sync dials, syncs and hangs up, as 'parallax-cli team sync' does.
func (a *analyst) sync(t *testing.T) team.Report {
	t.Helper()
	rep, err := a.trySync()
	if err != nil {
		t.Fatalf("%s: %v", a.name, err)
	}
	return rep
}

func (a *analyst) trySync() (team.Report, error) {
	ctx := context.Background()
	tr, err := jetstream.Dial(ctx, a.url, project, jetstream.Options{Timeout: 2 * time.Second})
	if err != nil {
		return team.Report{}, err
	}
	defer tr.Close()
	sy, err := team.NewSyncer(a.st, tr)
	if err != nil {
		return team.Report{}, err
	}
	return sy.Sync(ctx)
}

func (a *analyst) importText(t *testing.T, url, title, body string) app.ArticleID {
	body = app.JoinParagraphs([]string{body})
	d := app.Draft{Meta: app.Meta{Title: title, URL: url, Imported: time.Now().UTC(), Hash: app.ContentHash(title, body), Words: app.CountWords(body), Paragraphs: 1}, Body: body}
	got, err := a.st.Ingest([]app.Draft{d})
	if err != nil {
		t.Fatal(err)
	}
	return got[0].ID
}

func (a *analyst) annotate(t *testing.T, id app.ArticleID, quote, note string, tags ...string) app.Annotation {
	rev, err := a.st.FindRevision(id, 0)
	if err != nil {
		t.Fatal(err)
	}
	start := len([]rune(rev.Body[:strings.Index(rev.Body, quote)]))
	now := time.Now().UTC()
	saved, err := a.st.SaveAnnotation(app.Annotation{Article: id, Revision: rev.Number,
		Selector: anchor.Selector{Start: start, End: start + len([]rune(quote)), Quote: quote},
		Note:     note, Tags: tags, Color: "#ffd700", Analyst: a.name, Created: now, Modified: now})
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

func (a *analyst) byURI(t *testing.T, uri string) (app.Annotation, bool) {
	got, err := a.st.FindAnnotationByURI(uri)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return got, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return got, true
}

// TestTeamOverJetStream runs three analysts through a server embedded in
// the test: concurrent and conflicting work, some of it offline, a forged
// op, and the server going away in the middle.
func TestTeamOverJetStream(t *testing.T) {
	dir := t.TempDir()
	ns := serve(t, dir, -1)
	url := ns.ClientURL()
	ann, bob, cat := join(t, "ann", url), join(t, "bob", url), join(t, "cat", url)

	kremlin := ann.importText(t, "https://tass.example/1", "Kremlin invites Zelenskiy to Moscow", "The Kremlin said it had invited President Zelenskiy to Moscow for talks. A spokesman said the offer stood.")
	kyiv := ann.importText(t, "https://kyiv.example/2", "Kyiv rejects Moscow venue", "Kyiv said it would not send its president to Moscow. Officials proposed a neutral venue.")
	offer := ann.annotate(t, kremlin, "the offer stood", "Kremlin framing", "frame/peace")
	venue := ann.annotate(t, kyiv, "a neutral venue", "Kyiv's counter", "doubt")
	ann.sync(t)
	// bob imports the same story himself: one article, not two.
	bob.importText(t, "https://tass.example/1", "Kremlin invites Zelenskiy to Moscow", "The Kremlin said it had invited President Zelenskiy to Moscow for talks. A spokesman said the offer stood.")
	bob.sync(t)
	cat.sync(t)
	if n, _ := bob.st.Stats(); n.Articles != 2 {
		t.Fatalf("bob has %d articles, want 2 (his own import of ann's story is the same article)", n.Articles)
	}

	// Concurrent work: nobody syncs until all is done.
	a, _ := bob.byURI(t, offer.URI)
	a.Note = "bob: this is a threat, not an offer"
	if _, err := bob.st.SaveAnnotation(a); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	a, _ = ann.byURI(t, offer.URI)
	a.Note = "ann: conditional offer" // later: wins
	if _, err := ann.st.SaveAnnotation(a); err != nil {
		t.Fatal(err)
	}
	// cat renames doubt while bob, who has not seen it, tags with doubt.
	if _, err := cat.st.RenameTag("doubt", "frame/doubt", false); err != nil {
		t.Fatal(err)
	}
	bobKremlin, _, _ := bob.st.FindRevisionByHash(mustRev(t, ann.st, kremlin).Hash)
	bobsOwn := bob.annotate(t, bobKremlin, "invited President Zelenskiy", "bob's doubt", "doubt")
	// cat deletes venue while bob edits it: the later edit keeps it.
	cv, _ := cat.byURI(t, venue.URI)
	if _, err := cat.st.DeleteAnnotation(cv.ID); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	bv, _ := bob.byURI(t, venue.URI)
	bv.Color = "#ff0000"
	if _, err := bob.st.SaveAnnotation(bv); err != nil {
		t.Fatal(err)
	}

	for range 2 {
		for _, x := range []*analyst{ann, bob, cat} {
			x.sync(t)
		}
	}
	want := teststore.Contents(t, ann.st)
	for _, x := range []*analyst{bob, cat} {
		if got := teststore.Contents(t, x.st); got != want {
			t.Fatalf("%s differs from ann:\n%s\nann:\n%s", x.name, got, want)
		}
	}
	if got, _ := cat.byURI(t, offer.URI); got.Note != "ann: conditional offer" {
		t.Errorf("the later note lost: %q", got.Note)
	}
	if got, ok := cat.byURI(t, bobsOwn.URI); !ok || !slicesEqual(got.Tags, []string{"frame/doubt"}) {
		t.Errorf("bob's use of doubt did not follow cat's rename: %v %v", ok, got.Tags)
	}
	if got, ok := ann.byURI(t, venue.URI); !ok || got.Color != "#ff0000" {
		t.Errorf("bob's edit after cat's delete should keep the annotation: %v %+v", ok, got)
	}

	// A forged op: published on bob's subject, claiming to be ann's.
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	now := team.Stamp{Wall: time.Now().UnixMilli(), By: "ann"}
	note, _ := json.Marshal("forged")
	forged, _ := json.Marshal(team.Op{ID: strings.Repeat("ef", 16), Project: project, Analyst: "ann", At: now,
		State: &team.State{Kind: team.AnnotationKind, Key: offer.URI, Fields: map[string]team.Field{"note": {V: note, At: now}}}})
	if err := nc.Publish(team.Subject(project, "bob"), forged); err != nil {
		t.Fatal(err)
	}
	nc.Publish(team.Subject(project, "cat"), []byte("not json"))
	nc.Flush()
	nc.Close()
	rep := cat.sync(t)
	if len(rep.Refused) != 2 || !strings.Contains(rep.Refused[0], `claims analyst "ann" but was published by "bob"`) {
		t.Errorf("refused %v", rep.Refused)
	}
	if got, _ := cat.byURI(t, offer.URI); got.Note == "forged" {
		t.Error("the forged op was applied")
	}

	// The server goes away: work waits in the outbox, nothing is lost.
	port := ns.Addr().(interface{ String() string }).String()
	ns.Shutdown()
	ns.WaitForShutdown()
	late := cat.annotate(t, mustLocal(t, cat, ann, kyiv), "Officials proposed", "written offline", "frame/doubt")
	if _, err := cat.trySync(); err == nil {
		t.Fatal("a sync with no server succeeded")
	}
	marks, _ := cat.st.TeamMarks(0)
	if n, _ := cat.st.TeamOutboxLen(); n+len(marks) == 0 {
		t.Fatal("the offline annotation is neither marked nor in the outbox")
	}
	ns2 := serve(t, dir, portOf(t, port))
	_ = ns2
	cat.sync(t)
	ann.sync(t)
	if got, ok := ann.byURI(t, late.URI); !ok || got.Note != "written offline" {
		t.Errorf("the offline annotation did not arrive: %v", ok)
	}
}

func mustRev(t *testing.T, st *store.Store, id app.ArticleID) app.Revision {
	rev, err := st.FindRevision(id, 0)
	if err != nil {
		t.Fatal(err)
	}
	return rev
}

// mustLocal is the ID in x's store of article id in from's.
func mustLocal(t *testing.T, x, from *analyst, id app.ArticleID) app.ArticleID {
	local, _, err := x.st.FindRevisionByHash(mustRev(t, from.st, id).Hash)
	if err != nil {
		t.Fatal(err)
	}
	return local
}

func portOf(t *testing.T, addr string) int {
	var port int
	i := strings.LastIndexByte(addr, ':')
	if _, err := fmt.Sscan(addr[i+1:], &port); err != nil {
		t.Fatal(err)
	}
	return port
}

func slicesEqual(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

// TestServerPermissions runs the server configuration in testdata (the
// README's, without TLS): an analyst stores ops on their own subject
// only, and the admin creates the stream.
func TestServerPermissions(t *testing.T) {
	ns, err := jetstream.Serve(jetstream.ServeOptions{Config: "../../../testdata/team/server.conf", Port: -1, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ns.Shutdown()
	host := strings.TrimPrefix(ns.ClientURL(), "nats://")
	url := func(user, pass string) string { return "nats://" + user + ":" + pass + "@" + host }
	ctx := context.Background()
	if _, err := jetstream.Dial(ctx, url("olena", "olenapass"), project, jetstream.Options{Timeout: 2 * time.Second}); err == nil {
		t.Fatal("an analyst could create the project's stream")
	}
	admin, err := jetstream.Dial(ctx, url("admin", "adminpass"), project, jetstream.Options{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	admin.Close()

	olena := join(t, "olena", url("olena", "olenapass"))
	ben := join(t, "ben", url("ben", "benpass"))
	id := olena.importText(t, "https://tass.example/1", "Kremlin invites Zelenskiy to Moscow", "The Kremlin said the offer stood.")
	olena.annotate(t, id, "the offer stood", "framing")
	olena.sync(t)
	if rep := ben.sync(t); rep.Applied == 0 {
		t.Fatalf("ben received nothing: %+v", rep)
	}
	// Ben's store, told it is Olena's, cannot publish as her.
	forger := teststore.Open(t)
	if err := forger.JoinTeam(team.Config{URL: url("ben", "benpass"), Project: project, Analyst: "olena"}); err != nil {
		t.Fatal(err)
	}
	f := &analyst{name: "olena", st: forger, url: url("ben", "benpass")}
	f.importText(t, "https://fake.example/1", "Forged", "Words olena never imported.")
	if _, err := f.trySync(); err == nil || !strings.Contains(err.Error(), "ermission") {
		t.Fatalf("publishing on another analyst's subject: %v", err)
	}
}
