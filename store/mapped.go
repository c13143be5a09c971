package store

import (
	"path/filepath"
	"sync"
	"time"
)

// While bulk work writes (an import, the merges after it), the pages of
// the store's mapped files are handed back to the kernel every
// pageOutEvery, so the process holds what it works on, not all it wrote.
// The merges after an import of 100,000 articles read 170 MB of postings
// and value log within a second; every quarter second they hold about
// 100 MB. A page-out costs a read of /proc/self/maps and a system call
// per mapped file (a few hundred).
const pageOutEvery = 250 * time.Millisecond

// pager runs pageOutMapped on a ticker while anyone holds it.
type pager struct {
	dir   string // absolute, symbolic links resolved, as /proc names files
	mu    sync.Mutex
	users int
	stop  chan struct{}
	done  chan struct{}
}

func newPager(dir string) *pager {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return &pager{dir: dir}
}

// hold starts paging out, if this is the first holder; release ends it
// after the last, paging out once more.
func (p *pager) hold() (release func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.users++; p.users == 1 {
		p.stop, p.done = make(chan struct{}), make(chan struct{})
		go p.run(p.stop, p.done)
	}
	var once sync.Once
	return func() { once.Do(p.release) }
}

func (p *pager) release() {
	p.mu.Lock()
	p.users--
	var stop, done chan struct{}
	if p.users == 0 {
		stop, done = p.stop, p.done
	}
	p.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
		pageOutMapped(p.dir)
	}
}

func (p *pager) run(stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(pageOutEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			pageOutMapped(p.dir)
		}
	}
}

// ReleaseMemory hands the pages of the store's mapped files back to the
// kernel: the app calls it when the user pauses.
func (s *Store) ReleaseMemory() { pageOutMapped(s.pages.dir) }
