package store

import (
	"os"
	"runtime/debug"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// residentPages counts b's pages in memory.
func residentPages(t *testing.T, b []byte) int {
	t.Helper()
	vec := make([]byte, (len(b)+os.Getpagesize()-1)/os.Getpagesize())
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

func TestPopulateBacksEveryPage(t *testing.T) {
	const size = 4 << 20
	b, err := unix.Mmap(-1, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(b)
	if n := residentPages(t, b); n != 0 {
		t.Fatalf("a fresh mapping has %d pages in memory", n)
	}
	if !populate(b) {
		t.Skip("this kernel has no MADV_POPULATE_WRITE (Linux 5.14+)")
	}
	if n, want := residentPages(t, b), size/os.Getpagesize(); n != want {
		t.Errorf("after populate: %d of %d pages in memory", n, want)
	}
}

func TestPrefaultHeap(t *testing.T) {
	// A high setting leaves the small test heap room below its goal.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	if n := prefaultHeap(64 << 10); n != 0 {
		t.Errorf("a 64 KiB batch backed %d bytes; too small to be worth it", n)
	}
	if n := prefaultHeap(100 << 10); n < prefaultMin {
		t.Errorf("a 100 KiB batch backed %d bytes, want at least %d", n, prefaultMin)
	}
}
