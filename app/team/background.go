package team

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/parallax-news/parallax/app"
)

// Status is what the app shows of a store's team: connected, offline
// with changes waiting, or an error.
type Status struct {
	Joined    bool
	Project   string
	Analyst   string
	URL       string
	Connected bool
	Waiting   int // changes not yet on the server
	Last      time.Time
	Err       error
}

// String is the status bar's wording.
func (s Status) String() string {
	switch {
	case !s.Joined:
		return ""
	case s.Err != nil && !s.Connected:
		return fmt.Sprintf("Team %s: offline · %d waiting", s.Project, s.Waiting)
	case s.Err != nil:
		return fmt.Sprintf("Team %s: error · %d waiting", s.Project, s.Waiting)
	case s.Waiting > 0:
		return fmt.Sprintf("Team %s: %d waiting", s.Project, s.Waiting)
	}
	return fmt.Sprintf("Team %s: synced %s", s.Project, s.Last.Format("15:04"))
}

// Background syncs a store now and then, for the app: working offline
// never blocks anything, the ops wait in the outbox.
type Background struct {
	Store Store
	// Dial connects to the team's server.
	Dial func(ctx context.Context, cfg Config) (Transport, error)
	// Every is the pause between syncs (default 30 s).
	Every time.Duration
	// Log receives refused ops.
	Log func(string)
	mu  sync.Mutex // one sync at a time
}

// SyncOnce syncs if the store is in a team, and says how it went.
func (b *Background) SyncOnce(ctx context.Context) (Status, Report) {
	b.mu.Lock()
	defer b.mu.Unlock()
	cfg, err := b.Store.TeamConfig()
	if err != nil {
		return Status{}, Report{}
	}
	st := Status{Joined: true, Project: cfg.Project, Analyst: cfg.Analyst, URL: cfg.URL}
	var rep Report
	tr, err := b.Dial(ctx, cfg)
	if err == nil {
		st.Connected = true
		var sy *Syncer
		if sy, err = NewSyncer(b.Store, tr); err == nil {
			sy.Log = b.Log
			rep, err = sy.Sync(ctx)
		}
		tr.Close()
	}
	st.Err = err
	if err == nil {
		st.Last = time.Now()
	}
	marks, merr := b.Store.TeamMarks(0)
	waiting, werr := b.Store.TeamOutboxLen()
	if merr == nil && werr == nil {
		st.Waiting = len(marks) + waiting
	}
	if app.ErrorCode(err) == app.ENOTFOUND {
		st.Joined = false
	}
	return st, rep
}

// Run syncs until ctx ends, calling report after each sync.
func (b *Background) Run(ctx context.Context, report func(Status, Report)) {
	every := b.Every
	if every == 0 {
		every = 30 * time.Second
	}
	for {
		st, rep := b.SyncOnce(ctx)
		report(st, rep)
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}
