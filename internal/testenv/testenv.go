// Package testenv finds the shared third-party test data.
package testenv

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// BBCFile is one file of the BBC corpus: headline on the first line,
// then the text. Text is made valid UTF-8 (one file is Latin-1).
type BBCFile struct {
	Path, Text string
}

// BBC reads the BBC corpus's files in path order, and fails the test when
// it finds none.
func BBC(tb testing.TB) []BBCFile {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(Data(tb, "news-corpus", "bbc"), "*", "*.txt"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no BBC files: %v", err)
	}
	slices.Sort(paths)
	out := make([]BBCFile, len(paths))
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = BBCFile{p, strings.ToValidUTF8(string(b), "\uFFFD")}
	}
	return out
}

// BBCFolders is the BBC corpus's five topic folders.
func BBCFolders(tb testing.TB) []string {
	tb.Helper()
	root := Data(tb, "news-corpus", "bbc")
	var dirs []string
	for _, c := range []string{"business", "entertainment", "politics", "sport", "tech"} {
		dirs = append(dirs, filepath.Join(root, c))
	}
	return dirs
}
