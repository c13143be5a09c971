/*
 * Parallax patch: not part of upstream Badger.
 * SPDX-License-Identifier: Apache-2.0
 */

package skl

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

var pageSize = uintptr(os.Getpagesize())

// populate backs b's pages in one system call (populate.go). madvise
// wants a page-aligned start, so a partial first page is left out: the
// call for the bytes before it covered it. It is only a hint: kernels
// before 5.14 refuse it, and the pages fault in as before.
func populate(b []byte) {
	skip := (pageSize - uintptr(unsafe.Pointer(unsafe.SliceData(b)))%pageSize) % pageSize
	if uintptr(len(b)) > skip {
		_ = unix.Madvise(b[skip:], unix.MADV_POPULATE_WRITE)
	}
}
