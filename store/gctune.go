package store

import (
	"runtime/debug"
	"sync"
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
