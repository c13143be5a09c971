package store

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// importGCPercent is the collector's setting (GOGC) while an import
// runs. Badger allocates its memtable arena, 21 MiB, when a store opens,
// and the collector counts all of it as live although an import fills
// it slowly; at the default of 100 the heap may grow by as much again
// before a collection, and growth is fresh pages. On the virtual
// machines Parallax is measured on, a page's first touch costs a fault
// of about 13 µs, while a collection takes a few milliseconds (the arena
// and article text hold no pointers to follow).
const importGCPercent = 50

// importGC counts the stores importing, so that the setting the process
// had is put back when the last one ends.
var importGC struct {
	mu      sync.Mutex
	imports int
	saved   int
}

// beginImportGC lowers the collector's setting to importGCPercent, unless
// it is already lower or the collector is off.
func beginImportGC() {
	importGC.mu.Lock()
	defer importGC.mu.Unlock()
	importGC.imports++
	if importGC.imports > 1 {
		return
	}
	importGC.saved = debug.SetGCPercent(importGCPercent)
	if importGC.saved < importGCPercent { // lower already, or off (-1)
		debug.SetGCPercent(importGC.saved)
	}
}

// endImportGC puts back the setting beginImportGC found.
func endImportGC() {
	importGC.mu.Lock()
	defer importGC.mu.Unlock()
	importGC.imports--
	if importGC.imports == 0 {
		debug.SetGCPercent(importGC.saved)
	}
}

// An import's heap grows, right from its first batch, until the collector
// reaches its goal, and every page it grows into is touched for the first
// time: the fault described above. Measured on 64 MiB, touching pages one
// by one cost 12.4 µs a page, and madvise(MADV_POPULATE_WRITE) 0.5 µs
// (prefault_linux.go); 4,000 of the BBC import's 5,800 faults were the
// heap's. So a bulk import starts by backing, in one call, the pages its
// heap will grow into.
const (
	// An import allocates about 20 bytes per byte of text (98 MB for the
	// BBC corpus's 5 MB) and has three batches in flight: prefaulting is
	// worth its cost when the first batch's share passes prefaultMin.
	allocPerTextByte = 20
	batchesInFlight  = 3
	prefaultMin      = 4 << 20
	// The goal itself grows as an import's live data does: the BBC
	// import's went from 57 to 62 MB.
	prefaultGoalPercent = 115
)

// cannotPopulate is set when the kernel turns prefaulting down.
var cannotPopulate atomic.Bool

// prefaultHeap backs the pages the heap will grow into during an import
// whose first batch holds textBytes of text, and returns how many bytes
// it backed.
func prefaultHeap(textBytes int) uint64 {
	if cannotPopulate.Load() {
		return 0
	}
	samples := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	metrics.Read(samples)
	size := prefaultSize(samples[0].Value.Uint64(), samples[1].Value.Uint64()+samples[2].Value.Uint64(), textBytes)
	if size == 0 {
		return 0
	}
	// A block this large takes pages the heap has never used. Backed,
	// and freed by a collection (nothing refers to it after populate),
	// they are the first the import's allocations reuse. Backing more
	// as the goal grows later did not pay: a block that lands on pages
	// the heap used before is zeroed, page by page, before populate.
	if !populate(make([]byte, size)) {
		cannotPopulate.Store(true)
		return 0
	}
	runtime.GC()
	return size
}

// prefaultSize is how much to back for an import whose first batch holds
// textBytes of text, when the collector's goal is goal and the heap holds
// inUse: up to a little over the goal, or the import's likely allocation
// if less; 0 when that is too little to be worth a collection.
func prefaultSize(goal, inUse uint64, textBytes int) uint64 {
	goal = goal * prefaultGoalPercent / 100
	if goal <= inUse {
		return 0
	}
	size := min(goal-inUse, uint64(textBytes)*allocPerTextByte*batchesInFlight)
	if size < prefaultMin {
		return 0
	}
	return size
}
