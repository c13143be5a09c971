//go:build linux

package store

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/testenv"
)

// residentKiB sums the resident pages of this process's mappings of
// files in dir, from /proc/self/smaps.
func residentKiB(t *testing.T, dir string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	total, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if fields := strings.Fields(line); len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			in = len(fields) >= 6 && strings.HasPrefix(fields[5], dir+"/")
			continue
		}
		if kb, ok := strings.CutPrefix(line, "Rss:"); ok && in {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(kb), "kB")))
			total += n
		}
	}
	return total
}

// What an import wrote stops counting against the process once handed
// back, and reads as it was.
func TestReleaseMemoryPagesOutMappedFiles(t *testing.T) {
	s := mustOpen(t)
	var drafts []app.Draft
	for i := range 3000 {
		drafts = append(drafts, draft("Wire", "", fmt.Sprintf("Story %d", i), fmt.Sprintf("Story %d. ", i)+testenv.Prose(i, 800)))
	}
	if _, err := s.Ingest(drafts); err != nil {
		t.Fatal(err)
	}
	before := residentKiB(t, s.pages.dir)
	s.ReleaseMemory()
	after := residentKiB(t, s.pages.dir)
	t.Logf("resident pages of the store's files: %d KiB before, %d KiB after", before, after)
	if before < 4<<10 {
		t.Fatalf("only %d KiB of the store's files resident after writing 3,000 articles", before)
	}
	if after*4 > before {
		t.Errorf("%d KiB still resident of %d", after, before)
	}
	for _, id := range []app.ArticleID{1, 1500, 3000} {
		if r, err := s.FindRevision(id, 1); err != nil || r.Body != drafts[id-1].Body {
			t.Fatalf("article %d after paging out: %v", id, err)
		}
	}
}
