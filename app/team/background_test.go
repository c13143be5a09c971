package team_test

import (
	"context"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app/team"
	"github.com/parallax-news/parallax/app/team/teamtest"
)

// TestBackgroundSendsChangesSoon: the app's background sync sends a
// change made here within a poll, not only at its long period.
func TestBackgroundSendsChangesSoon(t *testing.T) {
	stream := teamtest.NewStream()
	r := newReplica(t, "olena", stream)
	b := &team.Background{Store: r.st, Every: time.Hour, Poll: 20 * time.Millisecond,
		Dial: func(context.Context, team.Config) (team.Transport, error) { return &teamtest.Conn{Stream: stream}, nil }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reports := make(chan team.Status, 10)
	go b.Run(ctx, func(st team.Status, _ team.Report) { reports <- st })
	if st := <-reports; st.Err != nil || st.Waiting != 0 {
		t.Fatalf("first sync: %+v", st)
	}
	before := stream.Len()
	r.draftImport(t, 0)
	select {
	case st := <-reports:
		if st.Err != nil || stream.Len() == before {
			t.Fatalf("the change was not sent: %+v, stream %d → %d", st, before, stream.Len())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no sync within 5 s of a change, with a poll of 20 ms")
	}
}
