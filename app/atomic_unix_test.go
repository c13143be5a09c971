//go:build unix

package app

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// An export or backup gets the mode any program would give a new file:
// 0666 less the umask, not os.CreateTemp's 0600.
func TestWriteFileAtomicRespectsTheUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "a,b\n"); return err }); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o640 {
		t.Errorf("mode %o, want 640 under umask 027", got)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".parallax-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
