package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/app"
)

func TestMemoCommands(t *testing.T) {
	dir := t.TempDir()
	st := filepath.Join(dir, "store")
	writeFiles(t, dir, map[string]string{
		"in/1-tass.txt": "Kremlin invites Zelenskiy to Moscow\n\nPeskov said the invitation to Moscow stands.\n",
		"in/2-kyiv.txt": "Kyiv rejects Moscow as a venue\n\nOfficials in Kyiv called the offer a stunt.\n",
		"question.md":   "# Research question\n\nHow do Moscow and Kyiv outlets frame the *venue*?\n",
		"decisions.md":  "Code official Russian voices only; commentators get actor/commentator.\n",
	})
	if code, _, errOut := cli(t, "", "--store", st, "import", "--tag", "actor/russia", filepath.Join(dir, "in")); code != exitOK {
		t.Fatalf("import: %d %s", code, errOut)
	}
	t.Setenv("PARALLAX_ANALYST", "Olena")
	add := func(stdin string, args ...string) string {
		t.Helper()
		code, out, errOut := cli(t, stdin, append([]string{"--store", st, "memo", "add"}, args...)...)
		if code != exitOK {
			t.Fatalf("memo add %v: exit %d: %s", args, code, errOut)
		}
		return strings.TrimSpace(out)
	}
	project := add("", "--project", "--file", filepath.Join(dir, "question.md"))
	onArticle := add("", "--article", "1", "TASS", "quotes", "Peskov;", "check", "the", "Kremlin", "readout.")
	onTag := add(mustRead(t, filepath.Join(dir, "decisions.md")), "--tag", "actor/russia", "--file", "-")
	add("", "--article", "2", "--analyst", "Ben", "Kyiv Independent's own reporter.")

	// Refusals name the problem; nothing is stored by them.
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"memo", "add", "text"}, exitUsage, "say what the memo is about"},
		{[]string{"memo", "add", "--project", "--tag", "x", "text"}, exitUsage, "name one target"},
		{[]string{"memo", "add", "--article", "99", "text"}, exitError, "no article 99"},
		{[]string{"memo", "add", "--tag", "no/such", "text"}, exitError, "no tag no/such"},
		{[]string{"memo", "add", "--project"}, exitUsage, "give the memo's text"},
		{[]string{"memo", "add", "--project", "   "}, exitUsage, "the memo is empty"},
		{[]string{"memo", "add", "--project", "--file", filepath.Join(dir, "missing.md")}, exitError, "missing.md"},
		{[]string{"memo", "show", "abc"}, exitUsage, "not a memo ID"},
		{[]string{"memo", "show", "77"}, exitError, "no memo 77"},
		{[]string{"memo", "frobnicate", "1"}, exitUsage, "unknown subcommand"},
	} {
		code, _, errOut := cli(t, "", append([]string{"--store", st}, bad.args...)...)
		if code != bad.code || !strings.Contains(errOut, bad.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", bad.args, code, errOut, bad.code, bad.want)
		}
	}

	memos := func(args ...string) []app.Memo {
		t.Helper()
		code, out, errOut := cli(t, "", append([]string{"--store", st, "memos", "--json"}, args...)...)
		if code != exitOK {
			t.Fatalf("memos %v: %d %s", args, code, errOut)
		}
		var list []app.Memo
		if err := json.Unmarshal([]byte(out), &list); err != nil {
			t.Fatalf("memos --json: %v\n%s", err, out)
		}
		return list
	}
	all := memos()
	if len(all) != 4 {
		t.Fatalf("%d memos, want 4: %+v", len(all), all)
	}
	// Project first, then the code book, then articles in order.
	if all[0].ID.String() != project || all[1].ID.String() != onTag || all[2].ID.String() != onArticle {
		t.Errorf("order: %v %v %v, want %s %s %s", all[0].ID, all[1].ID, all[2].ID, project, onTag, onArticle)
	}
	if all[0].Title() != "Research question" || all[0].Analyst != "Olena" || all[3].Analyst != "Ben" {
		t.Errorf("memos as stored: %+v", all)
	}
	if got := memos("--article", "1"); len(got) != 1 || got[0].Text != "TASS quotes Peskov; check the Kremlin readout." {
		t.Errorf("memos --article 1: %+v", got)
	}
	if got := memos("--tag", "actor"); len(got) != 1 || got[0].Tag != "actor/russia" {
		t.Errorf("memos --tag actor: %+v", got)
	}
	if got := memos("--analyst", "ben"); len(got) != 1 || got[0].Article != 2 {
		t.Errorf("memos --analyst ben: %+v", got)
	}
	if code, out, _ := cli(t, "", "--store", st, "memos"); code != exitOK || !strings.Contains(out, "tag actor/russia") || !strings.Contains(out, "Research question") {
		t.Errorf("memos table: %d\n%s", code, out)
	}

	// memo: in search finds the article the memo is on.
	code, out, _ := cli(t, "", "--store", st, "search", "memo:readout", "--json")
	if code != exitOK || !strings.Contains(out, `"Kremlin invites Zelenskiy to Moscow"`) || strings.Contains(out, "Kyiv rejects") {
		t.Errorf("search memo:readout: %d\n%s", code, out)
	}

	// Edit keeps the identity and creation, moves Modified.
	code, out, errOut := cli(t, "", "--store", st, "memo", "edit", onArticle, "--json", "TASS quotes Peskov; the readout agrees.")
	var edited app.Memo
	if code != exitOK || json.Unmarshal([]byte(out), &edited) != nil {
		t.Fatalf("memo edit: %d %s %s", code, out, errOut)
	}
	if edited.URI != all[2].URI || !edited.Created.Equal(all[2].Created) || edited.Modified.Before(all[2].Modified) || !strings.Contains(edited.Text, "agrees") {
		t.Errorf("edited: %+v\nwas %+v", edited, all[2])
	}
	if code, out, _ := cli(t, "", "--store", st, "memo", "show", onArticle); code != exitOK || !strings.Contains(out, "On:       article 1") || !strings.Contains(out, "the readout agrees.") {
		t.Errorf("memo show: %d\n%s", code, out)
	}

	// The Markdown report carries every kind of memo.
	report := filepath.Join(dir, "report.md")
	if code, _, errOut := cli(t, "", "--store", st, "export", "--format", "md", "-o", report); code != exitOK {
		t.Fatalf("export md: %s", errOut)
	}
	md := mustRead(t, report)
	for _, want := range []string{"## Project memos", "#### Research question", "## Code memos", "`actor/russia`", "the readout agrees."} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}

	// A .qdpx carries them to another store exactly.
	qdpx := filepath.Join(dir, "project.qdpx")
	if code, _, errOut := cli(t, "", "--store", st, "export", "--format", "qdpx", "-o", qdpx); code != exitOK {
		t.Fatalf("export qdpx: %s", errOut)
	}
	other := filepath.Join(dir, "other")
	if code, _, errOut := cli(t, "", "--store", other, "import", qdpx); code != exitOK || !strings.Contains(errOut, "4 memos") {
		t.Fatalf("import qdpx: %d %s", code, errOut)
	}
	code, out, _ = cli(t, "", "--store", other, "memos", "--json")
	var copied []app.Memo
	if code != exitOK || json.Unmarshal([]byte(out), &copied) != nil || len(copied) != 4 {
		t.Fatalf("memos in the other store: %s", out)
	}
	for i, m := range copied {
		want := memos()[i]
		if m.URI != want.URI || m.Text != want.Text || m.Analyst != want.Analyst || m.Kind != want.Kind || m.Tag != want.Tag ||
			!m.Created.Equal(want.Created) || !m.Modified.Equal(want.Modified) {
			t.Errorf("memo %d after the round trip:\n%+v\nwant\n%+v", i, m, want)
		}
	}

	// Deleting a tag says it takes the tag's memos, and does.
	if code, _, errOut := cli(t, "", "--store", st, "tags", "delete", "actor"); code != exitFailures || !strings.Contains(errOut, "has 1 memos") {
		t.Errorf("tags delete without --yes: %d %s", code, errOut)
	}
	if code, out, _ := cli(t, "", "--store", st, "tags", "delete", "actor", "--yes"); code != exitOK || !strings.Contains(out, "and 1 memos") {
		t.Errorf("tags delete --yes: %d %s", code, out)
	}
	if code, _, errOut := cli(t, "", "--store", st, "memo", "delete", project); code != exitOK || !strings.Contains(errOut, "Research question") {
		t.Errorf("memo delete: %d %s", code, errOut)
	}
	if got := memos(); len(got) != 2 {
		t.Errorf("%d memos left, want the two article memos: %+v", len(got), got)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
