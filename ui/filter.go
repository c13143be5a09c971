package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const anyOutlet = "Any outlet"

// filters narrow the library by outlet, tag (with the tags below it)
// and publication date; they join the search box's query as the query
// language's outlet:, tag:, after: and before: filters.
type filters struct {
	outlet        *widget.Select
	tag           *widget.SelectEntry
	after, before *widget.Entry
	box           *fyne.Container
	toggle        *widget.Button
}

// newFilters builds the filter box, which also holds the sort order
// (u.sort must exist).
func (u *UI) newFilters() *filters {
	f := &filters{
		outlet: widget.NewSelect([]string{anyOutlet}, nil),
		tag:    widget.NewSelectEntry(nil),
		after:  widget.NewEntry(),
		before: widget.NewEntry(),
	}
	f.outlet.SetSelected(anyOutlet)
	f.outlet.OnChanged = func(string) { u.applyQuery() }
	f.tag.SetPlaceHolder("Any tag")
	f.after.SetPlaceHolder("from 2026-01-31")
	f.before.SetPlaceHolder("before 2026-03-01")
	for _, e := range []*widget.Entry{f.after, f.before} {
		e.Validator = func(s string) error {
			if s = strings.TrimSpace(s); s != "" {
				_, err := time.Parse(time.DateOnly, s)
				return err
			}
			return nil
		}
		e.OnChanged = func(string) { u.applyQuery() }
	}
	f.tag.OnChanged = func(string) { u.applyQuery() }
	f.box = container.NewVBox(container.NewGridWithColumns(2, u.sort, f.outlet, f.after, f.before), f.tag)
	f.box.Hide()
	f.toggle = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), func() {
		if f.box.Visible() {
			f.box.Hide()
		} else {
			f.box.Show()
		}
	})
	return f
}

// query is the filters in the query language.
func (f *filters) query() string {
	var parts []string
	if o := f.outlet.Selected; o != "" && o != anyOutlet {
		parts = append(parts, `outlet:"`+strings.ReplaceAll(o, `"`, "")+`"`)
	}
	if t := strings.TrimSpace(f.tag.Text); t != "" && !strings.ContainsAny(t, " \"") {
		parts = append(parts, "tag:"+t)
	}
	for _, d := range []struct {
		e  *widget.Entry
		op string
	}{{f.after, "after:"}, {f.before, "before:"}} {
		if s := strings.TrimSpace(d.e.Text); s != "" {
			if _, err := time.Parse(time.DateOnly, s); err == nil {
				parts = append(parts, d.op+s)
			}
		}
	}
	return strings.Join(parts, " ")
}

// applyQuery runs the search box's text with the filters; quick-open
// (a leading >) ignores them.
func (u *UI) applyQuery() {
	text := strings.TrimSpace(u.query.Text)
	if !strings.HasPrefix(text, ">") {
		if f := u.filters.query(); f != "" {
			text = strings.TrimSpace(text + " " + f)
		}
	}
	u.runQuery(text)
}

// setChoices offers the collection's outlets.
func (f *filters) setChoices(outlets []string) {
	f.outlet.SetOptions(append([]string{anyOutlet}, outlets...))
}
