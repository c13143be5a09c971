package tagmanager

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/internal/teststore"
	"github.com/parallax-news/parallax/ui/jobs"
)

// The manager shows the tag tree with its implied parents, and renames,
// recolours and deletes through the store, redrawing itself and telling
// the window after each change.
func TestManagerRenamesRecoloursAndDeletes(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("test")
	st := teststore.Open(t)
	res, err := st.Ingest([]app.Draft{{Meta: app.Meta{Title: "Talks", Outlet: "Wire"}, Body: "Kremlin invites Kyiv to talks.", Tags: []string{"actor/russia", "actor/ukraine", "claim"}}})
	if err != nil {
		t.Fatal(err)
	}
	r := jobs.NewQueued()
	m := Show(st, r, w)
	var changes []string
	m.OnChanged = func(s string) { changes = append(changes, s) }
	r.Settle()
	set := m.Tags()
	if !slices.Equal(set.Children[""], []string{"actor", "claim"}) || len(set.Children["actor"]) != 2 || set.Tags["claim"].Articles != 1 {
		t.Fatalf("tree: root %v, actor %v", set.Children[""], set.Children["actor"])
	}

	m.Select("actor")
	m.Rename("actor", "party", false)
	r.Settle()
	if art, _ := st.FindArticleByID(res[0].ID); !slices.Equal(art.Tags, []string{"claim", "party/russia", "party/ukraine"}) {
		t.Errorf("after the rename the article has %v", art.Tags)
	}
	if _, ok := m.Tags().Tags["actor"]; ok || m.selected != "" {
		t.Errorf("the tree still shows actor (selected %q)", m.selected)
	}

	m.SetColor("claim", app.Palette["red"])
	r.Settle()
	if tag, err := st.FindTag("claim"); err != nil || tag.Color != app.Palette["red"] || m.Tags().Tags["claim"].Color != app.Palette["red"] {
		t.Errorf("claim's colour %q (%v), shown %q", tag.Color, err, m.Tags().Tags["claim"].Color)
	}

	m.Delete("party")
	r.Settle()
	if art, _ := st.FindArticleByID(res[0].ID); !slices.Equal(art.Tags, []string{"claim"}) {
		t.Errorf("after deleting party the article has %v", art.Tags)
	}
	if len(changes) != 3 || !strings.Contains(changes[0], "actor → party: 1 articles") || !strings.Contains(changes[2], "deleted party") {
		t.Errorf("changes told: %q", changes)
	}

	// A failed change is shown, not told as done.
	m.Rename("claim", "bad//path", false)
	r.Settle()
	if len(changes) != 3 {
		t.Errorf("a refused rename was told as a change: %q", changes)
	}
}
