package team

import (
	"context"
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

// Background syncs a store now and then, for the app: working offline
// never blocks anything, the ops wait in the outbox.
type Background struct {
	Store Store
	// Dial connects to the team's server.
	Dial func(ctx context.Context, cfg Config) (Transport, error)
	// Every is the longest pause between syncs (default 30 s), and the
	// pause after a failed one.
	Every time.Duration
	// Poll is how often it looks for changes made here (default 3 s):
	// an analyst's annotation reaches the team seconds after it is made.
	Poll time.Duration
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

// Run syncs until ctx ends, calling report after each sync: at once,
// then whenever something changed here, and at least every Every.
func (b *Background) Run(ctx context.Context, report func(Status, Report)) {
	every, poll := b.Every, b.Poll
	if every == 0 {
		every = 30 * time.Second
	}
	if poll == 0 {
		poll = 3 * time.Second
	}
	var last time.Time
	failed := false
	for {
		due := time.Since(last) >= every
		if !due && !failed {
			marks, err := b.Store.TeamMarks(1)
			due = err == nil && len(marks) > 0
		}
		if due {
			st, rep := b.SyncOnce(ctx)
			report(st, rep)
			last, failed = time.Now(), st.Err != nil
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(poll):
		}
	}
}
