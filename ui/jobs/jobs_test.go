package jobs

import (
	"slices"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
)

// A queued Runner runs nothing posted until Settle, then runs updates
// in the order posted, including those that work started by an update
// posts in turn.
func TestQueuedRunnerSettles(t *testing.T) {
	r := NewQueued()
	var mu sync.Mutex
	var got []string
	add := func(s string) { mu.Lock(); got = append(got, s); mu.Unlock() }
	r.Go(func() {
		r.Post(func() {
			add("first")
			r.Go(func() { r.Post(func() { add("from the first") }) })
		})
		r.Post(func() { add("second") })
	})
	r.work.Wait()
	if len(got) != 0 {
		t.Fatalf("ran before Settle: %v", got)
	}
	r.Settle()
	if want := []string{"first", "second", "from the first"}; !slices.Equal(got, want) {
		t.Errorf("ran %v, want %v", got, want)
	}
}

// The app's Runner posts through fyne.Do, which the test driver runs at
// once; Settle waits for the work.
func TestRunnerPostsThroughFyne(t *testing.T) {
	test.NewTempApp(t)
	r := New()
	done := false
	r.Go(func() { r.Post(func() { done = true }) })
	r.Settle()
	if !done {
		t.Error("the posted update did not run")
	}
}
