package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/search"
	"github.com/parallax-news/parallax/store"
)

// TestCrashHarness SIGKILLs the real CLI at random moments of an import,
// an annotation file's import, a tag rename, a backup and a restore, then
// checks the store: it opens, check finds no damage, every title sampled
// is searchable, and running the operation again reaches the state an
// uninterrupted run reaches. CRASH_TRIALS sets how many kills (default
// one per operation); make crash runs more.
func TestCrashHarness(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it")
	}
	trials := 5
	if n, err := strconv.Atoi(os.Getenv("CRASH_TRIALS")); err == nil && n > 0 {
		trials = n
	}
	h := newHarness(t)
	ops := []crashOp{h.importOp(), h.annotateOp(), h.renameOp(), h.backupOp(), h.restoreOp()}
	for _, op := range ops {
		t.Logf("%s: %v uninterrupted, then %s", op.name, op.took.Round(time.Millisecond), strings.ReplaceAll(op.want, "\n", "; "))
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	hits := map[string]int{}
	for trial := range trials {
		op := ops[trial%len(ops)]
		dir := filepath.Join(t.TempDir(), "store")
		op.setup(dir)
		delay := time.Duration(rng.Int64N(int64(op.took) + 1))
		killed := h.killAfter(delay, op.args(dir)...)
		if killed {
			hits[op.name]++
		}
		op.after(dir) // what a user would run next, if anything
		if got := h.signature(dir); got != op.want {
			t.Errorf("%s killed after %v (hit: %v): converged to\n%s\nwant\n%s", op.name, delay, killed, got, op.want)
		}
		h.searchable(dir)
	}
	t.Logf("%d trials; kills that hit a running command: %v", trials, hits)
}

type crashOp struct {
	name  string
	setup func(dir string)          // the store before the operation
	args  func(dir string) []string // the command that is killed
	after func(dir string)          // the re-run that must converge
	want  string                    // signature after an uninterrupted run
	took  time.Duration             // how long the uninterrupted run took
}

type harness struct {
	t                 *testing.T
	bin, work, corpus string
	base              string // a store holding the corpus
	w3c, backup       string
}

func newHarness(t *testing.T) *harness {
	h := &harness{t: t, bin: buildCLI(t), work: t.TempDir()}
	h.corpus = filepath.Join(h.work, "corpus")
	files := map[string]string{}
	for i := range 1500 {
		body := strings.Repeat(fmt.Sprintf("Report %d on the Kessel dam deal and the council vote in Riverton. ", i), 20)
		files[fmt.Sprintf("corpus/%02d/%04d.txt", i/100, i)] = fmt.Sprintf("Crash test story number %d\n\n%s\n", i, body)
	}
	writeFiles(t, h.work, files)
	h.base = filepath.Join(h.work, "base")
	h.must("--store", h.base, "import", "-q", "--tag", "topic/dam", h.corpus)
	// An annotation file of 3,000 annotations on the corpus's articles.
	_, list, _ := h.run("--store", h.base, "list", "--json")
	var heads []struct{ Title, Hash string }
	json.Unmarshal([]byte(list), &heads)
	hashes := map[string]string{}
	for _, a := range heads {
		hashes[a.Title] = a.Hash
	}
	var items []map[string]any
	for k := range 3000 {
		items = append(items, map[string]any{"id": fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", k), "type": "Annotation",
			"body": map[string]any{"type": "TextualBody", "value": fmt.Sprintf("note %d", k)},
			"target": map[string]any{"source": "urn:sha256:" + hashes[fmt.Sprintf("Crash test story number %d", k%1500)],
				"selector": map[string]any{"type": "TextQuoteSelector", "exact": fmt.Sprintf("Report %d on the Kessel", k%1500)}}})
	}
	doc, _ := json.Marshal(map[string]any{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "total": len(items),
		"first": map[string]any{"type": "AnnotationPage", "items": items}})
	h.w3c = filepath.Join(h.work, "annotations.jsonld")
	os.WriteFile(h.w3c, doc, 0o600)
	h.backup = filepath.Join(h.work, "base.bak")
	h.must("--store", h.base, "backup", h.backup)
	return h
}

func (h *harness) copyBase(dir string) {
	if out, err := exec.Command("cp", "-r", h.base, dir).CombinedOutput(); err != nil {
		h.t.Fatalf("cp: %v %s", err, out)
	}
}

// op times an uninterrupted run from setup and records its signature.
func (h *harness) op(name string, setup func(string), args func(string) []string, after func(string)) crashOp {
	op := crashOp{name: name, setup: setup, args: args, after: after}
	dir := filepath.Join(h.t.TempDir(), "store")
	setup(dir)
	start := time.Now()
	h.must(args(dir)...)
	op.took = time.Since(start)
	after(dir)
	op.want = h.signature(dir)
	return op
}

func (h *harness) importOp() crashOp {
	args := func(dir string) []string {
		return []string{"--store", dir, "import", "-q", "--tag", "topic/dam", h.corpus}
	}
	return h.op("import", func(string) {}, args, func(dir string) { h.must(args(dir)...) })
}

func (h *harness) annotateOp() crashOp {
	args := func(dir string) []string { return []string{"--store", dir, "import", "-q", h.w3c} }
	return h.op("annotation import", h.copyBase, args, func(dir string) { h.must(args(dir)...) })
}

func (h *harness) renameOp() crashOp {
	args := func(dir string) []string {
		return []string{"--store", dir, "tags", "rename", "topic/dam", "topic/kessel"}
	}
	return h.op("tag rename", h.copyBase, args, func(dir string) {
		// A rename cut short finishes when the store next opens; a rename
		// never started is run again.
		if code, out, _ := h.run("--store", dir, "tags", "--json"); code == exitOK && strings.Contains(out, `"topic/dam"`) {
			h.must(args(dir)...)
		}
	})
}

func (h *harness) backupOp() crashOp {
	file := func(dir string) string { return dir + ".bak" }
	return h.op("backup", h.copyBase, func(dir string) []string { return []string{"--store", dir, "backup", file(dir)} },
		func(dir string) {
			// The backup is whole or absent: restore it if it is there.
			if _, err := os.Stat(file(dir)); err == nil {
				h.must("--store", dir+".restored", "restore", file(dir))
				if a, b := h.signature(dir+".restored"), h.signature(dir); a != b {
					h.t.Errorf("a backup left by a killed run restores to\n%s\nnot\n%s", a, b)
				}
			}
		})
}

func (h *harness) restoreOp() crashOp {
	args := func(dir string) []string { return []string{"--store", dir, "restore", h.backup} }
	return h.op("restore", func(string) {}, args, func(dir string) {
		// A restore cut short is run again; one that finished is done.
		if code, out, _ := h.run("--store", dir, "check"); code != exitOK || !strings.Contains(out, "no damage") || strings.Contains(out, "checked 0 articles") {
			h.must(args(dir)...)
		}
	})
}

// killAfter runs the CLI and SIGKILLs it after d; it reports whether the
// kill hit a running process.
func (h *harness) killAfter(d time.Duration, args ...string) bool {
	cmd := exec.Command(h.bin, args...)
	if err := cmd.Start(); err != nil {
		h.t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
		return false
	case <-time.After(d):
	}
	cmd.Process.Signal(syscall.SIGKILL)
	<-done
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled()
}

// signature is what the store holds, without the times and IDs that
// differ from run to run, and what check says of it.
func (h *harness) signature(dir string) string {
	var b bytes.Buffer
	_, stats, _ := h.run("--store", dir, "stats", "--json")
	var st app.Stats
	json.Unmarshal([]byte(stats), &st)
	fmt.Fprintf(&b, "articles %d revisions %d words %d\n", st.Articles, st.Revisions, st.Words)
	_, tags, _ := h.run("--store", dir, "tags", "--json")
	var ts []struct {
		Path                  string
		Articles, Annotations int
	}
	json.Unmarshal([]byte(tags), &ts)
	fmt.Fprintf(&b, "tags %+v\n", ts)
	_, annos, _ := h.run("--store", dir, "annotations", "--json")
	var as []app.Annotation
	json.Unmarshal([]byte(annos), &as)
	fmt.Fprintf(&b, "annotations %d\n", len(as))
	code, check, _ := h.run("--store", dir, "check")
	fmt.Fprintf(&b, "check %d %s", code, check)
	return b.String()
}

// searchable finds a sample of the stored titles with a title: query.
func (h *harness) searchable(dir string) {
	s, err := store.Open(dir)
	if err != nil {
		h.t.Fatalf("store does not open: %v", err)
	}
	defer s.Close()
	n := 0
	s.ForEachArticle(func(a app.Article) error {
		if n++; n%97 != 1 {
			return nil
		}
		res, err := search.Run(s, `title:"`+a.Title+`"`, 5)
		if err != nil || len(res.Hits) == 0 || res.Hits[0].Article.ID != a.ID {
			h.t.Errorf("%q is not found by its title (%v)", a.Title, err)
		}
		return nil
	})
}

func (h *harness) run(args ...string) (int, string, string) {
	cmd := exec.Command(h.bin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		h.t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

func (h *harness) must(args ...string) {
	h.t.Helper()
	if code, out, errOut := h.run(args...); code != exitOK {
		h.t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
	}
}
