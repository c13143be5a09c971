package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/team/jetstream"
	"github.com/parallax-news/parallax/internal/testenv"
	"github.com/parallax-news/parallax/internal/teststore"
	"github.com/parallax-news/parallax/store"
)

// TestTeamCommands shares a project between two stores through a server
// embedded in the test, as two laptops would through a newsroom's.
func TestTeamCommands(t *testing.T) {
	dir := t.TempDir()
	ns, err := jetstream.Serve(jetstream.ServeOptions{Port: -1, Dir: filepath.Join(dir, "server")})
	if err != nil {
		t.Fatal(err)
	}
	defer ns.Shutdown()
	olena, ben := filepath.Join(dir, "olena"), filepath.Join(dir, "ben")
	writeFiles(t, dir, map[string]string{
		"in/1-tass.txt": "Kremlin invites Zelenskiy to Moscow\n\nPeskov said the invitation to Moscow stands.\n",
		"in/2-kyiv.txt": "Kyiv rejects Moscow as a venue\n\nOfficials in Kyiv called the offer a stunt.\n",
	})
	run := func(store string, args ...string) string {
		t.Helper()
		code, out, errOut := cli(t, "", append([]string{"--store", store}, args...)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		return out
	}
	// Olena had work before the team existed: joining shares it.
	run(olena, "import", "-q", filepath.Join(dir, "in"))
	run(olena, "annotate", "1", "--quote", "invitation to Moscow", "--note", "Kremlin framing", "--tag", "frame/peace")
	out := run(olena, "team", "join", ns.ClientURL(), "--project", "kremlin-talks", "--analyst", "Olena")
	if !strings.Contains(out, `joined project "kremlin-talks"`) || !strings.Contains(out, "sent 5 changes") {
		t.Errorf("join said %q", out)
	}
	run(ben, "team", "join", ns.ClientURL(), "--project", "kremlin-talks", "--analyst", "Ben")
	var annos []app.Annotation
	if err := json.Unmarshal([]byte(run(ben, "annotations", "--json")), &annos); err != nil {
		t.Fatal(err)
	}
	if len(annos) != 1 || annos[0].Note != "Kremlin framing" || annos[0].Analyst == "" || annos[0].Tags[0] != "frame/peace" {
		t.Fatalf("ben received %+v", annos)
	}
	// Ben renames the tag and notes a memo; Olena gets both.
	run(ben, "tags", "rename", "frame/peace", "frame/negotiation")
	run(ben, "memo", "add", "--article", "2", "--analyst", "Ben", "Kyiv's own wording.")
	if out := run(ben, "team", "sync"); !strings.Contains(out, "sent ") {
		t.Errorf("sync said %q", out)
	}
	run(olena, "team", "sync")
	if out := run(olena, "annotations"); !strings.Contains(out, "frame/negotiation") {
		t.Errorf("olena's annotation did not follow ben's rename:\n%s", out)
	}
	if out := run(olena, "memos"); !strings.Contains(out, "Kyiv's own wording.") {
		t.Errorf("ben's memo did not arrive:\n%s", out)
	}

	var status teamStatusInfo
	if err := json.Unmarshal([]byte(run(olena, "team", "status", "--json")), &status); err != nil {
		t.Fatal(err)
	}
	if !status.Connected || status.Analyst != "Olena" || status.Changed+status.Waiting != 0 || status.Seq == 0 {
		t.Errorf("status %+v", status)
	}

	// Offline: work waits, status says so, leave refuses to drop it.
	ns.Shutdown()
	ns.WaitForShutdown()
	run(olena, "annotate", "2", "--quote", "a stunt", "--note", "dismissive")
	code, _, errOut := cli(t, "", "--store", olena, "team", "sync")
	if code != exitError || !strings.Contains(errOut, "cannot reach the team server") {
		t.Errorf("offline sync: exit %d %q", code, errOut)
	}
	if out := run(olena, "team", "status"); !strings.Contains(out, "offline") || !strings.Contains(out, "changes not yet sent") {
		t.Errorf("offline status %q", out)
	}
	code, _, errOut = cli(t, "", "--store", olena, "team", "leave")
	if code != exitError || !strings.Contains(errOut, "have not reached the team yet") {
		t.Errorf("leave with unsent work: exit %d %q", code, errOut)
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"team", "join", "nats://x"}, "--project NAME"},
		{[]string{"team", "frobnicate"}, "unknown command"},
	} {
		code, _, errOut := cli(t, "", append([]string{"--store", ben}, bad.args...)...)
		if code != exitUsage || !strings.Contains(errOut, bad.want) {
			t.Errorf("%v: exit %d %q", bad.args, code, errOut)
		}
	}
	code, _, errOut = cli(t, "", "--store", filepath.Join(dir, "lonely"), "team", "sync")
	if code != exitError || !strings.Contains(errOut, "is in no team") {
		t.Errorf("sync of a store in no team: exit %d %q", code, errOut)
	}
}

// TestKilledSyncRecovers kills 'team join' (which syncs) while it applies
// thousands of ops; the store opens, and the next sync ends with the same
// content as the team's, nothing applied twice.
func TestKilledSyncRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	ns, err := jetstream.Serve(jetstream.ServeOptions{Port: -1, Dir: filepath.Join(dir, "server")})
	if err != nil {
		t.Fatal(err)
	}
	defer ns.Shutdown()
	url := ns.ClientURL()
	// Olena's store: 150 articles, 20 annotations each.
	files := map[string]string{}
	for i := range 150 {
		files[fmt.Sprintf("in/%03d.txt", i)] = fmt.Sprintf("Dam deal %d\n\n%s\n\n%s\n", i, testenv.Prose(i, 120), testenv.Prose(i+500, 140))
	}
	writeFiles(t, dir, files)
	olena := filepath.Join(dir, "olena")
	mustCLI(t, "--store", olena, "import", "-q", filepath.Join(dir, "in"))
	st, err := store.Open(olena)
	if err != nil {
		t.Fatal(err)
	}
	var annos []app.Annotation
	for id := app.ArticleID(1); id <= 150; id++ {
		rev, err := st.FindRevision(id, 0)
		if err != nil {
			t.Fatal(err)
		}
		runes := []rune(rev.Body)
		for k := range 20 {
			start := k * 30
			annos = append(annos, app.Annotation{Article: id, Revision: rev.Number, Color: "#ffd700", Analyst: "olena",
				Selector: anchor.Selector{Start: start, End: start + 12, Quote: string(runes[start : start+12])},
				Note:     fmt.Sprintf("note %d/%d", id, k), Tags: []string{fmt.Sprintf("code/%d", k%5)}})
		}
	}
	if _, err := st.SaveAnnotations(annos); err != nil {
		t.Fatal(err)
	}
	st.Close()
	mustCLI(t, "--store", olena, "team", "join", url, "--project", "dam", "--analyst", "olena")

	bin := buildCLI(t)
	for _, after := range []time.Duration{150 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond} {
		ben := filepath.Join(dir, fmt.Sprintf("ben-%d", after.Milliseconds()))
		cmd := exec.Command(bin, "--store", ben, "team", "join", url, "--project", "dam", "--analyst", "ben")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after)
		cmd.Process.Kill()
		cmd.Wait()
		if s, err := store.Open(ben); err == nil {
			cfg, _ := s.TeamConfig()
			t.Logf("killed after %s: had applied up to message %d", after, cfg.Seq)
			s.Close()
		} else {
			t.Fatalf("the killed store does not open: %v", err)
		}
		// Killed before the join was saved: join again; after: sync.
		if code, _, _ := cli(t, "", "--store", ben, "team", "status"); code != exitOK {
			mustCLI(t, "--store", ben, "team", "join", url, "--project", "dam", "--analyst", "ben")
		}
		mustCLI(t, "--store", ben, "team", "sync")
		mustCLI(t, "--store", olena, "team", "sync")
		a, b := storeContents(t, olena), storeContents(t, ben)
		if a != b {
			t.Fatalf("killed after %s: ben's store differs from olena's", after)
		}
		if n := strings.Count(b, "\nannotation "); n != 3000 {
			t.Fatalf("killed after %s: %d annotations, want 3000", after, n)
		}
	}
}

func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := cli(t, "", args...)
	if code != exitOK {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	return out
}

func storeContents(t *testing.T, dir string) string {
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	return "\n" + teststore.Contents(t, st)
}
