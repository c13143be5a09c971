package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/team"
	"github.com/parallax-news/parallax/app/team/teamtest"
	"github.com/parallax-news/parallax/internal/teststore"
)

// TestTeamStatusAndArrivals: offline the status bar says how much waits;
// online it says synced, and a teammate's annotation shows in the library.
func TestTeamStatusAndArrivals(t *testing.T) {
	u, st := newTestUI(t)
	u.Load(context.Background())
	u.jobs.Settle()
	if err := st.JoinTeam(team.Config{URL: "memory:", Project: "demo", Analyst: "olena"}); err != nil {
		t.Fatal(err)
	}
	stream := teamtest.NewStream()
	online := false
	u.p.Team = &team.Background{Store: st, Dial: func(context.Context, team.Config) (team.Transport, error) {
		if !online {
			return nil, errors.New("no route to host")
		}
		return &teamtest.Conn{Stream: stream}, nil
	}}
	u.teamReport(u.p.Team.SyncOnce(context.Background()))
	u.jobs.Settle()
	if got := u.teamLabel.Text; !strings.Contains(got, "offline") || strings.Contains(got, " 0 waiting") {
		t.Errorf("offline status %q", got)
	}

	online = true
	u.teamReport(u.p.Team.SyncOnce(context.Background()))
	u.jobs.Settle()
	if got := u.teamLabel.Text; !strings.Contains(got, "Team demo: synced") {
		t.Errorf("online status %q", got)
	}

	// A teammate annotates the first demo article.
	peer := teststore.Open(t)
	if err := peer.JoinTeam(team.Config{URL: "memory:", Project: "demo", Analyst: "ben"}); err != nil {
		t.Fatal(err)
	}
	sy, _ := team.NewSyncer(peer, &teamtest.Conn{Stream: stream})
	if _, err := sy.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	first := collection(u)[0]
	rev, _ := st.FindRevision(first.ID, 0)
	id, n, err := peer.FindRevisionByHash(rev.Hash)
	if err != nil {
		t.Fatal(err)
	}
	quote := []rune(rev.Body)[:12]
	now := time.Now().UTC()
	if _, err := peer.SaveAnnotation(app.Annotation{Article: id, Revision: n, Selector: anchor.Selector{Start: 0, End: 12, Quote: string(quote)},
		Note: "ben's", Color: "#ffd700", Analyst: "ben", Created: now, Modified: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := sy.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := u.counts[first.ID]
	u.teamReport(u.p.Team.SyncOnce(context.Background()))
	u.jobs.Settle()
	for i := 0; u.counts[first.ID] != before+1; i++ {
		if i == 200 {
			t.Fatalf("the teammate's annotation did not reach the library: %d annotations on %q", u.counts[first.ID], first.Title)
		}
		time.Sleep(10 * time.Millisecond)
		u.jobs.Settle()
	}
	if info := u.teamInfo(); !strings.Contains(info, "Project demo on memory: as olena") || !strings.Contains(info, "connected; 0 changes waiting") {
		t.Errorf("Preferences say %q", info)
	}
	u.showPreferences()
	u.jobs.Settle()
	test.Tap(findButton(t, u.win.Canvas().Overlays().Top(), "Sync now"))
	for i := 0; u.teamLabel.Text == "Team: syncing…"; i++ {
		if i == 200 {
			t.Fatal("Sync now never finished")
		}
		time.Sleep(10 * time.Millisecond)
		u.jobs.Settle()
	}
}
