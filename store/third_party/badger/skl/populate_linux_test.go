/*
 * Parallax patch: not part of upstream Badger.
 * SPDX-License-Identifier: Apache-2.0
 */

package skl

import (
	"os"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// residentPages counts b's pages in memory.
func residentPages(t *testing.T, b []byte) int {
	t.Helper()
	page := os.Getpagesize()
	vec := make([]byte, (len(b)+page-1)/page)
	_, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)), uintptr(unsafe.Pointer(unsafe.SliceData(vec))))
	if errno != 0 {
		t.Fatal(errno)
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}

func TestArenaBacksPagesAhead(t *testing.T) {
	probe, err := unix.Mmap(-1, 0, 1<<16, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(probe)
	if unix.Madvise(probe, unix.MADV_POPULATE_WRITE) != nil {
		t.Skip("this kernel has no MADV_POPULATE_WRITE (Linux 5.14+)")
	}

	page := os.Getpagesize()
	a := newArena(8 << 20)
	// Whatever pages the heap gave the arena, start with none in memory.
	if err := unix.Madvise(a.buf, unix.MADV_DONTNEED); err != nil {
		t.Fatal(err)
	}
	if n := residentPages(t, a.buf); n != 0 {
		t.Fatalf("after MADV_DONTNEED: %d pages in memory", n)
	}
	key := make([]byte, 1000)
	a.putKey(key)
	if n, want := residentPages(t, a.buf[:populateAhead]), populateAhead/page; n != want {
		t.Errorf("after the first key: %d of the first %d pages in memory", n, want)
	}
	if n := residentPages(t, a.buf[populateAhead+page:]); n != 0 {
		t.Errorf("after the first key: %d pages past the step in memory", n)
	}
	// Writes keep at least half a step backed ahead of them, and at most
	// a step.
	for a.size() < 3*populateAhead {
		a.putKey(key)
		ahead := (int(a.size()) + populateAhead/2) / page * page
		if n, want := residentPages(t, a.buf[:ahead]), ahead/page; n != want {
			t.Fatalf("at %d bytes: %d of the first %d pages in memory", a.size(), n, want)
		}
		beyond := (int(a.size()) + populateAhead + 2*page) / page * page
		if n := residentPages(t, a.buf[beyond:]); n != 0 {
			t.Fatalf("at %d bytes: %d pages more than a step ahead in memory", a.size(), n)
		}
	}
}
