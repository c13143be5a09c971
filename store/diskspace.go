package store

import "github.com/parallax-news/parallax/app"

// Badger writes its memtables, value logs and tables through memory
// maps: on a full disk a write into a mapped page is a SIGBUS that kills
// the process, not an error. So large writes first check that the disk
// has room for them and for what Badger writes around them.
const (
	// diskReserve covers a memtable flushed to a table, the next
	// memtable's file, and a compaction's output.
	diskReserve = 64 << 20
	// diskPerByte is what a byte of article text costs on disk at most
	// while it is written: the value log, the search index's postings and
	// the table entries.
	diskPerByte = 3
)

// diskFree is freeBytes; a test stands in a full disk.
var diskFree = freeBytes

// checkSpace refuses a write of about n bytes of text when the disk
// cannot take it. Where the free space cannot be read it lets the write
// go.
func (s *Store) checkSpace(n int64) error {
	free, ok := diskFree(s.dir)
	if !ok {
		return nil
	}
	if need := diskReserve + diskPerByte*n; free < need {
		return app.Errorf(app.ENOSPACE, "%d MB free on the disk of %s, about %d MB needed", free>>20, s.dir, (need+1<<20-1)>>20)
	}
	return nil
}
