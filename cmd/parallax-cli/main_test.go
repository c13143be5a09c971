package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/testenv"
	"github.com/parallax-news/parallax/store"
)

// cli runs the command in-process and returns its exit status and output.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestImportListShowStats(t *testing.T) {
	dir := t.TempDir()
	st := filepath.Join(dir, "store")
	writeFiles(t, dir, map[string]string{
		"in/a.txt":     "Dam deal signed\n\nRIVERTON – The council signed the deal.\n",
		"in/sub/b.md":  "# Dam deal criticised\n\nCritics said the deal was rushed.\n",
		"in/sub/c.xml": "<rss><channel><item><title>broken",
	})
	code, out, errOut := cli(t, "", "--store", st, "import", "--outlet", "Ledger", "--tag", "dam", filepath.Join(dir, "in"))
	if code != exitFailures {
		t.Errorf("exit %d with a failed file, want %d", code, exitFailures)
	}
	if !strings.Contains(out, "imported") || !strings.Contains(errOut, "c.xml") || !strings.Contains(errOut, "2 imported") {
		t.Errorf("import output:\n%s\n%s", out, errOut)
	}

	code, out, _ = cli(t, "", "list", "--json", "--store", st)
	if code != exitOK {
		t.Fatalf("list exit %d", code)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("list --json is not JSON: %v\n%s", err, out)
	}
	if len(list) != 2 || list[0]["title"] != "Dam deal signed" || list[0]["outlet"] != "Ledger" || list[0]["dateline"] != "Riverton" {
		t.Errorf("list = %v", list)
	}
	for _, field := range []string{"id", "revisions", "tags", "title", "imported", "hash", "origin", "words", "paragraphs"} {
		if _, ok := list[0][field]; !ok {
			t.Errorf("list --json lacks %q", field)
		}
	}

	// A new text under the same outlet and title is revision 2.
	writeFiles(t, dir, map[string]string{"v2.txt": "Dam deal signed\n\nRIVERTON – The council signed the deal on Monday.\n"})
	if code, _, errOut := cli(t, "", "--store", st, "import", "--outlet", "Ledger", filepath.Join(dir, "v2.txt")); code != 0 || !strings.Contains(errOut, "1 new revisions") {
		t.Errorf("revision import: %d %s", code, errOut)
	}
	code, out, _ = cli(t, "", "--store", st, "show", "1", "--revision", "1", "--json")
	var rev map[string]any
	if err := json.Unmarshal([]byte(out), &rev); err != nil || code != 0 {
		t.Fatalf("show --json: %d %v %s", code, err, out)
	}
	if rev["revision"] != 1.0 || rev["revisions"] != 2.0 || rev["body"] != "RIVERTON – The council signed the deal." {
		t.Errorf("show 1 --revision 1 = %v", rev)
	}
	if code, out, _ := cli(t, "", "--store", st, "show", "1"); code != 0 || !strings.Contains(out, "revision 2 of 2") || !strings.Contains(out, "on Monday") {
		t.Errorf("show 1: %d\n%s", code, out)
	}
	code, out, _ = cli(t, "", "--store", st, "stats", "--json")
	var stats map[string]any
	json.Unmarshal([]byte(out), &stats)
	if code != 0 || stats["articles"] != 2.0 || stats["revisions"] != 3.0 {
		t.Errorf("stats = %s", out)
	}

	// Errors are clear and have their own exit status.
	if code, _, errOut := cli(t, "", "--store", st, "show", "99"); code != exitError || !strings.Contains(errOut, "no article 99") {
		t.Errorf("show 99: %d %s", code, errOut)
	}
	if code, _, _ := cli(t, "", "--store", st, "show", "x"); code != exitUsage {
		t.Errorf("show x: %d", code)
	}
	if code, _, _ := cli(t, "", "--store", st, "frobnicate"); code != exitUsage {
		t.Errorf("unknown command: %d", code)
	}
}

func TestStdinImport(t *testing.T) {
	st := filepath.Join(t.TempDir(), "store")
	code, out, _ := cli(t, "Pasted headline\n\nPasted body.\n", "--store", st, "import", "-")
	if code != 0 || !strings.Contains(out, "Pasted headline") {
		t.Errorf("stdin import: %d %s", code, out)
	}
}

func TestLockedStoreMessage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	code, _, errOut := cli(t, "", "--store", dir, "list")
	if code != exitError || !strings.Contains(errOut, "store "+dir+" is in use by another Parallax process") {
		t.Errorf("locked store: %d %q", code, errOut)
	}
}

func TestStoreFromEnvironment(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "envstore")
	t.Setenv("PARALLAX_STORE", dir)
	if code, _, _ := cli(t, "Env headline\n\nBody.", "import", "-"); code != 0 {
		t.Fatalf("import: %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err != nil {
		t.Errorf("PARALLAX_STORE not used: %v", err)
	}
}

func TestBackupRestore(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	writeFiles(t, dir, map[string]string{"x.txt": "One\n\nBody one.", "y.txt": "Two\n\nBody two."})
	cli(t, "", "--store", a, "import", filepath.Join(dir, "x.txt"), filepath.Join(dir, "y.txt"))
	file := filepath.Join(dir, "backup.parallax")
	if code, _, errOut := cli(t, "", "--store", a, "backup", file); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	if code, _, errOut := cli(t, "", "--store", b, "restore", file); code != 0 {
		t.Fatalf("restore: %s", errOut)
	}
	_, la, _ := cli(t, "", "--store", a, "list", "--json")
	_, lb, _ := cli(t, "", "--store", b, "list", "--json")
	if la != lb || !strings.Contains(la, "Body") && !strings.Contains(la, "One") {
		t.Errorf("restored list differs:\n%s\n%s", la, lb)
	}
	if code, _, errOut := cli(t, "", "--store", b, "restore", file); code != exitError || !strings.Contains(errOut, "not empty") {
		t.Errorf("restore into non-empty store: %d %s", code, errOut)
	}
}

// buildCLI compiles the real binary once per test run.
func buildCLI(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "parallax-cli")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// A SIGKILL in the middle of a large import leaves a store that opens,
// holds only complete articles, and reaches the same final state when the
// import is run again.
func TestKilledImportRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and imports 12,000 files")
	}
	bbc := testenv.Data(t, "news-corpus", "bbc", "business")
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	// 12,000 distinct articles made from the BBC business texts.
	entries, _ := os.ReadDir(bbc)
	n := 0
	for copyNo := 0; n < 12000; copyNo++ {
		for _, e := range entries {
			raw, _ := os.ReadFile(filepath.Join(bbc, e.Name()))
			title, body, _ := strings.Cut(string(raw), "\n")
			p := filepath.Join(corpus, fmt.Sprintf("%02d", copyNo), e.Name())
			os.MkdirAll(filepath.Dir(p), 0o700)
			os.WriteFile(p, []byte(fmt.Sprintf("%s (%d)\n%s", title, copyNo, body)), 0o600)
			if n++; n == 12000 {
				break
			}
		}
	}
	bin := buildCLI(t)
	killed := filepath.Join(dir, "killed")
	// Kill once the import has reported articles stored (committed), and
	// make sure the kill did not miss it.
	cmd := exec.Command(bin, "--store", killed, "import", "-q", "--progress", "--outlet", "BBC", corpus)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := 0
	lines := bufio.NewScanner(stderr)
	for committed == 0 && lines.Scan() {
		var done, files int
		fmt.Sscanf(lines.Text(), "progress: %d/%d files  %d imported", &done, &files, &committed)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	go io.Copy(io.Discard, stderr)
	err = cmd.Wait()
	if committed == 0 {
		t.Fatalf("the import reported no stored article before it ended (%v)", err)
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the import ended before the kill (%v): nothing was tested", err)
	}

	s, err := store.Open(killed)
	if err != nil {
		t.Fatalf("store after SIGKILL does not open: %v", err)
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles < committed || st.Articles >= 12000 {
		t.Fatalf("%d articles stored after the kill; the import had reported %d of 12,000", st.Articles, committed)
	}
	// Every stored article is whole: head, body and hash agree.
	for id := 1; id <= st.Articles; id++ {
		r, err := s.FindRevision(idOf(id), 0)
		if err != nil {
			t.Fatalf("article %d of %d unreadable: %v", id, st.Articles, err)
		}
		if r.Body == "" || r.Words == 0 {
			t.Fatalf("article %d is incomplete", id)
		}
	}
	s.Close()

	rerun := exec.Command(bin, "--store", killed, "import", "-q", "--outlet", "BBC", corpus)
	if out, err := rerun.CombinedOutput(); err != nil {
		t.Fatalf("re-run: %v\n%s", err, out)
	}
	clean := filepath.Join(dir, "clean")
	if out, err := exec.Command(bin, "--store", clean, "import", "-q", "--outlet", "BBC", corpus).CombinedOutput(); err != nil {
		t.Fatalf("clean import: %v\n%s", err, out)
	}
	got, want := listWithoutTimes(t, bin, killed), listWithoutTimes(t, bin, clean)
	if len(got) != len(want) {
		t.Fatalf("after re-run %d articles, clean import %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("article %d differs after recovery:\n%s\n%s", i+1, got[i], want[i])
		}
	}
}

func listWithoutTimes(t *testing.T, bin, dir string) []string {
	out, err := exec.Command(bin, "--store", dir, "list", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, a := range list {
		delete(a, "imported")
		b, _ := json.Marshal(a)
		rows = append(rows, string(b))
	}
	return rows
}

func idOf(n int) app.ArticleID { return app.ArticleID(n) }
