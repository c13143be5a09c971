// Package testenv finds the shared third-party test data.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// Data returns the folder named by PARALLAX_DATA joined with parts, and
// skips the test when the variable is unset (a developer without the
// corpora); CI sets it, and fails loudly when it is set but wrong.
func Data(tb testing.TB, parts ...string) string {
	tb.Helper()
	root := os.Getenv("PARALLAX_DATA")
	if root == "" {
		tb.Skip("PARALLAX_DATA is not set; the shared corpora live in ../shared/data")
	}
	p := filepath.Join(append([]string{root}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("PARALLAX_DATA=%s: %v", root, err)
	}
	return p
}
