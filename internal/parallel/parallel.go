// Package parallel spreads independent work over the machine's cores.
package parallel

import (
	"errors"
	"runtime"
	"sync"
)

// Each calls fn(i) for every i in [0, n), on as many goroutines as there
// are cores but no more than one per minPer items (small jobs stay on one
// goroutine). A worker stops at its first error; Each returns them all,
// joined.
func Each(n, minPer int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/max(minPer, 1)))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				if errs[w] = fn(i); errs[w] != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
