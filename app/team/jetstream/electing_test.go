package jetstream

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// TestElecting: Pull waits out a cluster without a leader, and nothing else.
func TestElecting(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{nats.ErrNoResponders, true},
		{fmt.Errorf("stream info: %w", jetstream.ErrJetStreamNotEnabled), true},
		{jetstream.ErrNoHeartbeat, true},
		{nats.ErrConnectionClosed, false},
		{jetstream.ErrStreamNotFound, false},
		{context.Canceled, false},
		{errors.New("disk full"), false},
	} {
		if got := electing(c.err); got != c.want {
			t.Errorf("electing(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
