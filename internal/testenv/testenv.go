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

// Prose is n words of story seed drawn from a small news vocabulary in a
// fixed pseudo-random order: as hard for a compressor as real prose, so
// a test can put stored text where big values go.
func Prose(seed, n int) string {
	words := strings.Fields("the council dam deal water river minister said on Monday talks after vote against for " +
		"Riverton Estvale share guarantee border agreement cost people valley town mayor opposition critics " +
		"signed week plan years flood power plant farmers market officials would could not but and of in")
	x := uint32(seed*7919 + 1)
	out := make([]string, n)
	for k := range out {
		x ^= x << 13 // xorshift32
		x ^= x >> 17
		x ^= x << 5
		out[k] = words[x%uint32(len(words))]
	}
	return strings.Join(out, " ")
}
