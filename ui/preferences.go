package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/ui/escentry"
)

// analystPref is the analyst's name as set in Preferences; it wins over
// PARALLAX_ANALYST and the login name.
const analystPref = "analyst"

// loadAnalyst gives the annotator the name set in Preferences, if any.
func (u *UI) loadAnalyst() {
	if n := strings.TrimSpace(u.p.App.Preferences().String(analystPref)); n != "" && u.an != nil {
		u.an.Analyst = n
	}
}

// analyst is the name new annotations are recorded under.
func (u *UI) analyst() string {
	if u.an != nil && u.an.Analyst != "" {
		return u.an.Analyst
	}
	return app.DefaultAnalyst()
}

// showPreferences asks for the analyst's name: every annotation records
// it, and agreement between analysts and team work depend on it.
func (u *UI) showPreferences() {
	name := escentry.New(u.escape)
	name.SetText(u.analyst())
	name.Validator = func(s string) error {
		switch n := utf8.RuneCountInString(strings.TrimSpace(s)); {
		case n == 0:
			return fmt.Errorf("annotations need an analyst's name")
		case n > app.MaxAnalyst:
			return fmt.Errorf("at most %d characters", app.MaxAnalyst)
		}
		return nil
	}
	u.prefsName = name
	items := []*widget.FormItem{
		widget.NewFormItem("Your name", name),
		widget.NewFormItem("", widget.NewLabel("New annotations record it as their analyst.")),
	}
	if u.p.Team != nil {
		info := widget.NewLabel(u.teamInfo())
		info.Wrapping = fyne.TextWrapWord
		items = append(items, widget.NewFormItem("Team", info),
			widget.NewFormItem("", widget.NewButton("Sync now", u.syncTeamNow)))
	}
	d := dialog.NewForm("Preferences", "Save", "Cancel", items, func(ok bool) {
		if !ok || u.an == nil {
			return
		}
		n := strings.TrimSpace(name.Text)
		u.p.App.Preferences().SetString(analystPref, n)
		u.an.Analyst = n
		u.status.SetText("Annotating as " + n)
	}, u.win)
	d.Resize(fyne.NewSize(480, 0))
	u.showDialog(d)
}

// showShortcuts lists every shortcut: the menu's, and the keys that work
// without one.
func (u *UI) showShortcuts() {
	var lines []string
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				lines = append(lines, fmt.Sprintf("**%s**  %s › %s", shortcutName(it.Shortcut), m.Label, it.Label))
			}
		}
	}
	lines = append(lines,
		"**Ctrl+Z** / **Ctrl+Shift+Z**  undo / redo the last annotation or metadata change",
		"**Ctrl+C**  copy the selected passage",
		"**A**  annotate the selected passage (note, tags, colour)",
		"**1–9**  code the selected passage with the tag bound to the key (bind keys in the tag manager)",
		"**Alt**+drag  select exact letters instead of whole words",
		"**Escape**  close the dialog on top, or let go of the selection",
		"In the annotate dialog: **Tab** next field, **Ctrl+Enter** save, **Escape** cancel",
		"In the library: **Enter** opens the best match, **Down** moves into the list",
		"In Compare with…: **Enter** compares with the first article found, or with none typed, the one picked",
	)
	text := widget.NewRichTextFromMarkdown(strings.Join(lines, "\n\n"))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(text), u.win)
	d.Resize(fyne.NewSize(620, 560))
	u.showDialog(d)
}

func shortcutName(s fyne.Shortcut) string {
	name := s.ShortcutName()
	if k, ok := s.(interface {
		Key() fyne.KeyName
		Mod() fyne.KeyModifier
	}); ok {
		var parts []string
		if k.Mod()&fyne.KeyModifierShortcutDefault != 0 {
			parts = append(parts, "Ctrl")
		}
		if k.Mod()&fyne.KeyModifierShift != 0 {
			parts = append(parts, "Shift")
		}
		name = strings.Join(append(parts, string(k.Key())), "+")
	}
	return name
}
