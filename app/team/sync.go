package team

import (
	"context"
	"fmt"
	"time"
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
