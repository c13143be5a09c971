// Package teamtest has an in-memory stand-in for a JetStream stream, so
// that tests of team sync can run many replicas through many rounds fast.
package teamtest

import (
	"context"
	"encoding/json"
	"errors"
	"sync"

	"github.com/parallax-news/parallax/app/team"
)

// Stream is one project's stream held in memory: a log of messages that
// drops a republished op as JetStream's duplicate window does.
type Stream struct {
	mu   sync.Mutex
	msgs []team.Message
	ids  map[string]bool
}

// NewStream returns an empty stream.
func NewStream() *Stream { return &Stream{ids: map[string]bool{}} }

// Len is how many messages the stream holds.
func (s *Stream) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.msgs)
}

// Conn is one replica's connection to the stream; Offline cuts it.
type Conn struct {
	Stream  *Stream
	Offline bool
	// Batch is how many messages Pull hands over at a time (default 1000,
	// as the JetStream transport fetches).
	Batch int
}

// ErrOffline is what an offline Conn fails with.
var ErrOffline = errors.New("no connection to the team server")

// Publish implements team.Transport.
func (c *Conn) Publish(ctx context.Context, subject string, ops []team.Op) error {
	if c.Offline {
		return ErrOffline
	}
	for _, op := range ops {
		data, err := json.Marshal(op)
		if err != nil {
			return err
		}
		c.Stream.mu.Lock()
		if !c.Stream.ids[op.ID] {
			c.Stream.ids[op.ID] = true
			c.Stream.msgs = append(c.Stream.msgs, team.Message{Seq: uint64(len(c.Stream.msgs) + 1), Subject: subject, Data: data})
		}
		c.Stream.mu.Unlock()
	}
	return nil
}

// Pull implements team.Transport.
func (c *Conn) Pull(ctx context.Context, after uint64, fn func([]team.Message) error) error {
	if c.Offline {
		return ErrOffline
	}
	c.Stream.mu.Lock()
	end := uint64(len(c.Stream.msgs))
	c.Stream.mu.Unlock()
	batch := c.Batch
	if batch == 0 {
		batch = 1000
	}
	for seq := after; seq < end; {
		to := min(seq+uint64(batch), end)
		c.Stream.mu.Lock()
		msgs := append([]team.Message(nil), c.Stream.msgs[seq:to]...)
		c.Stream.mu.Unlock()
		if err := fn(msgs); err != nil {
			return err
		}
		seq = to
	}
	return nil
}

// Close implements team.Transport.
func (c *Conn) Close() error { return nil }
