package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/team/jetstream"
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
