// Package jobs runs the window's work off the UI goroutine and brings
// its results back: Fyne widgets change only on the UI goroutine.
package jobs

import (
	"sync"

	"fyne.io/fyne/v2"
)

// Runner starts background work and posts widget updates. The app's
// posts with fyne.Do. A queued Runner keeps posted updates until Settle
// runs them on the caller's goroutine: Fyne's test driver runs fyne.Do
// at once, on the goroutine that calls it, which would hide ordering
// bugs that the race detector finds when updates run where the app runs
// them.
type Runner struct {
	work   sync.WaitGroup
	queued bool
	mu     sync.Mutex
	queue  []func()
}

// New returns a Runner that posts with fyne.Do.
func New() *Runner { return &Runner{} }

// NewQueued returns a Runner whose posted updates wait for Settle.
func NewQueued() *Runner { return &Runner{queued: true} }

// Go runs work on a goroutine of its own.
func (r *Runner) Go(work func()) { r.work.Go(work) }

// Post runs update on the UI goroutine.
func (r *Runner) Post(update func()) {
	if !r.queued {
		fyne.Do(update)
		return
	}
	r.mu.Lock()
	r.queue = append(r.queue, update)
	r.mu.Unlock()
}

// Settle waits for the background work and, for a queued Runner, runs
// the updates it posted, until no work is left and nothing is posted.
func (r *Runner) Settle() {
	for {
		r.work.Wait()
		r.mu.Lock()
		q := r.queue
		r.queue = nil
		r.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, f := range q {
			f()
		}
	}
}
