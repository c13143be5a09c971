package index

import (
	"errors"
	"log"
	"sync"
	"sync/atomic"
)

// merger runs segment merges on a goroutine of their own, so a search
// or a save never waits for one. Requests while a merge runs fold into
// one more pass.
type merger struct {
	mu      sync.Mutex
	idle    *sync.Cond // signalled when running turns false
	wanted  bool
	running bool
	closed  bool
	stop    atomic.Bool // set by close: a merge gives up at its next term
	run     func() error
}

func newMerger(run func() error) *merger {
	m := &merger{run: run}
	m.idle = sync.NewCond(&m.mu)
	return m
}

// request asks for a merge pass soon.
func (m *merger) request() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return
	}
	m.wanted = true
	if !m.running {
		m.running = true
		go m.loop()
	}
}

func (m *merger) loop() {
	for {
		m.mu.Lock()
		if !m.wanted || m.closed {
			m.running = false
			m.idle.Broadcast()
			m.mu.Unlock()
			return
		}
		m.wanted = false
		m.mu.Unlock()
		if err := m.run(); err != nil && !errors.Is(err, errMergeStopped) {
			// The index stays correct, only less compact: report, not fail.
			log.Printf("search index: %v", err)
		}
	}
}

// wait returns once no merge is running or asked for.
func (m *merger) wait() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for m.running {
		m.idle.Wait()
	}
}

// close stops a running merge (its output is left unlisted, and the next
// Open deletes it) and refuses new ones.
func (m *merger) close() {
	m.mu.Lock()
	m.closed = true
	m.stop.Store(true)
	for m.running {
		m.idle.Wait()
	}
	m.mu.Unlock()
}

// errMergeStopped ends a merge cut short by close.
var errMergeStopped = errors.New("merge stopped: the store is closing")
