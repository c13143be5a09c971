// Package team shares a project between analysts: every change is an
// operation carrying the new state of one thing (an annotation, a memo, a
// tag, an article), and states merge by rules that give every replica the
// same result whatever order the operations arrive in, and however often.
// The rules are in README.md under "Team mode"; merge.go implements them.
package team

import (
	"cmp"
	"fmt"
	"sync"
	"time"
)

// Stamp is a hybrid logical clock reading: wall-clock milliseconds, a
// counter for readings in the same millisecond (or while the wall clock
// lags a stamp seen from another machine), and the analyst, so that two
// stamps are never equal unless they are the same reading.
type Stamp struct {
	Wall int64  `json:"w"`
	N    uint32 `json:"n,omitempty"`
	By   string `json:"by,omitempty"`
}

// Compare orders stamps by time, then counter, then analyst.
func (s Stamp) Compare(t Stamp) int {
	if c := cmp.Compare(s.Wall, t.Wall); c != 0 {
		return c
	}
	if c := cmp.Compare(s.N, t.N); c != 0 {
		return c
	}
	return cmp.Compare(s.By, t.By)
}

// After reports s > t.
func (s Stamp) After(t Stamp) bool { return s.Compare(t) > 0 }

// IsZero reports a stamp never set.
func (s Stamp) IsZero() bool { return s == Stamp{} }

// Time is the stamp's wall-clock part.
func (s Stamp) Time() time.Time { return time.UnixMilli(s.Wall).UTC() }

func (s Stamp) String() string {
	return fmt.Sprintf("%s.%d@%s", s.Time().Format("2006-01-02T15:04:05.000Z"), s.N, s.By)
}

// Max is the later of two stamps.
func Max(a, b Stamp) Stamp {
	if b.After(a) {
		return b
	}
	return a
}

// Clock hands out stamps for one analyst: each later than every stamp it
// handed out or observed, and close to the wall clock.
type Clock struct {
	mu      sync.Mutex
	analyst string
	last    Stamp
	now     func() time.Time
}

// NewClock starts a clock for analyst that has seen nothing later than last.
func NewClock(analyst string, last Stamp) *Clock {
	return &Clock{analyst: analyst, last: last, now: time.Now}
}

// Analyst is whose stamps the clock makes.
func (c *Clock) Analyst() string { return c.analyst }

// Now returns a new stamp.
func (c *Clock) Now() Stamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	wall := c.now().UnixMilli()
	if wall > c.last.Wall {
		c.last = Stamp{Wall: wall, By: c.analyst}
	} else {
		c.last = Stamp{Wall: c.last.Wall, N: c.last.N + 1, By: c.analyst}
	}
	return c.last
}

// Observe moves the clock past a stamp from another replica, so that
// what this analyst does next is ordered after what they have seen.
func (c *Clock) Observe(s Stamp) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.Wall > c.last.Wall || s.Wall == c.last.Wall && s.N > c.last.N {
		c.last = Stamp{Wall: s.Wall, N: s.N, By: c.analyst}
	}
}

// Last is the latest stamp handed out or observed.
func (c *Clock) Last() Stamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}
