/*
 * Parallax patch: not part of upstream Badger.
 * SPDX-License-Identifier: Apache-2.0
 */

package badger

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback asks the kernel to start writing n bytes at off of f to
// disk, without waiting, as RocksDB's bytes_per_sync does: the next Sync
// then waits for less. Data written through a shared mapping could not
// do this cheaply (cleaning a mapped page write-protects it again), data
// written with pwrite can. Errors are ignored: it is only a hint, and
// Sync reports what matters.
func startWriteback(f *os.File, off, n int64) {
	_ = unix.SyncFileRange(int(f.Fd()), off, n, unix.SYNC_FILE_RANGE_WRITE)
}
