// Package jetstream carries a team's ops over NATS JetStream: one stream
// per project, each analyst publishing on a subject of their own.
package jetstream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parallax-news/parallax/app/team"
)

// Transport implements team.Transport over one NATS connection.
type Transport struct {
	// refused is the server's latest complaint about this connection (a
	// publish it did not permit), which it sends apart from any reply.
	refused atomic.Pointer[error]
	nc      *nats.Conn
	js      jetstream.JetStream
	project string
	stream  string
	timeout time.Duration
}

var _ team.Transport = (*Transport)(nil)

// Options for Dial.
type Options struct {
	Creds string // a NATS credentials file, "" for none
	// Replicas is how many servers keep the stream when Dial creates it
	// (a cluster's; default 1).
	Replicas int
	// Timeout bounds connecting and each request (default 10 s).
	Timeout time.Duration
}

// Dial connects to the team server at url and makes sure the project's
// stream exists. It fails fast when the server is not there: working
// offline is normal, and the caller says so.
func Dial(ctx context.Context, url, project string, o Options) (*Transport, error) {
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	t := &Transport{project: project, stream: team.StreamName(project), timeout: o.Timeout}
	opts := []nats.Option{nats.Name("parallax " + project), nats.Timeout(o.Timeout), nats.MaxReconnects(0),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) { t.refused.Store(&err) })}
	if o.Creds != "" {
		opts = append(opts, nats.UserCredentials(o.Creds))
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		return nil, fmt.Errorf("cannot reach the team server at %s: %w", url, err)
	}
	// An op the server does not ack in time stays in the outbox.
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncTimeout(o.Timeout))
	if err != nil {
		nc.Close()
		return nil, err
	}
	t.nc, t.js = nc, js
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	if _, err := js.Stream(ctx, t.stream); errors.Is(err, jetstream.ErrStreamNotFound) {
		_, err = js.CreateStream(ctx, jetstream.StreamConfig{
			Name:        t.stream,
			Description: "Parallax project " + project,
			Subjects:    []string{team.SubjectPrefix(project) + "*"},
			Storage:     jetstream.FileStorage,
			Replicas:    max(o.Replicas, 1),
			// Ops are the project's history: kept until an admin says.
			Retention:  jetstream.LimitsPolicy,
			Duplicates: 24 * time.Hour, // a republished op (same ID) is stored once
		})
		if err != nil && !errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			nc.Close()
			return nil, fmt.Errorf("cannot create the stream of project %q on %s: %w", project, url, err)
		}
	} else if err != nil {
		nc.Close()
		return nil, fmt.Errorf("cannot find the stream of project %q on %s: %w", project, url, err)
	}
	return t, nil
}

// Publish implements team.Transport: every op is sent, then every ack
// awaited; an op the server did not ack stays in the caller's outbox.
func (t *Transport) Publish(ctx context.Context, subject string, ops []team.Op) error {
	futures := make([]jetstream.PubAckFuture, 0, len(ops))
	for _, op := range ops {
		data, err := json.Marshal(op)
		if err != nil {
			return err
		}
		f, err := t.js.PublishAsync(subject, data, jetstream.WithMsgID(op.ID), jetstream.WithExpectStream(t.stream))
		if err != nil {
			return err
		}
		futures = append(futures, f)
	}
	for _, f := range futures {
		select {
		case <-f.Ok():
		case err := <-f.Err():
			if refused := t.refused.Load(); refused != nil {
				return fmt.Errorf("the server refused: %w", *refused)
			}
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// pullBatch is how many messages one fetch asks for.
const pullBatch = 1000

// Pull implements team.Transport with an ordered consumer from the
// sequence after the last applied one. When a cluster loses a server the
// stream's API answers nobody until it elects a new leader, a few
// seconds: Pull waits that out, up to the transport's timeout, and goes
// on from the last message applied.
func (t *Transport) Pull(ctx context.Context, after uint64, fn func([]team.Message) error) error {
	giveUp := time.Now().Add(t.timeout)
	for wait := 100 * time.Millisecond; ; wait *= 2 {
		err := t.pull(ctx, &after, fn)
		if !electing(err) || time.Now().Add(wait).After(giveUp) {
			return err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// electing reports whether err is the cluster having no leader to answer
// (nats.go reports a JetStream API with no responders as not enabled).
func electing(err error) bool {
	return errors.Is(err, nats.ErrNoResponders) || errors.Is(err, jetstream.ErrJetStreamNotEnabled) ||
		errors.Is(err, jetstream.ErrNoHeartbeat)
}

// pull is one attempt of Pull; *after follows the messages applied.
func (t *Transport) pull(ctx context.Context, after *uint64, fn func([]team.Message) error) error {
	st, err := t.js.Stream(ctx, t.stream)
	if err != nil {
		return err
	}
	info, err := st.Info(ctx)
	if err != nil {
		return err
	}
	last := info.State.LastSeq
	if last <= *after {
		return nil
	}
	cons, err := st.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{
		DeliverPolicy: jetstream.DeliverByStartSequencePolicy,
		OptStartSeq:   *after + 1,
	})
	if err != nil {
		return err
	}
	for *after < last {
		// Asking for no more than there is returns as soon as it is here.
		batch, err := cons.Fetch(int(min(pullBatch, last-*after)), jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			return err
		}
		var msgs []team.Message
		for m := range batch.Messages() {
			meta, err := m.Metadata()
			if err != nil {
				return err
			}
			msgs = append(msgs, team.Message{Seq: meta.Sequence.Stream, Subject: m.Subject(), Data: m.Data()})
		}
		if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) {
			return err
		}
		if len(msgs) == 0 {
			return fmt.Errorf("the server sent nothing after message %d of %d", *after, last)
		}
		if err := fn(msgs); err != nil {
			return err
		}
		*after = msgs[len(msgs)-1].Seq
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// Close implements team.Transport.
func (t *Transport) Close() error {
	t.nc.Close()
	return nil
}
