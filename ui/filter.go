package ui

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/ui/tagtree"
)

const anyOutlet = "Any outlet"

// filters narrow the library by outlet, tag (picked in the tag tree; the
// tags below it count too) and publication date; they join the search
// box's query as the query language's outlet:, tag:, after: and before:
// filters.
type filters struct {
	outlet        *widget.Select
	after, before *widget.Entry
	box           *fyne.Container
	toggle        *widget.Button

	tag      string       // the tag picked; "" for any
	tags     *tagtree.Set // what the tree shows
	tagTree  *widget.Tree
	tagLabel *widget.Label
	anyTag   *widget.Button
	changed  func()
}

// tagTreeHeight is the height the filter's tag tree gets; it scrolls.
const tagTreeHeight = 170

// newFilters builds the filter box, which also holds the sort order
// (u.lib.sort must exist).
func (u *UI) newFilters() *filters {
	f := &filters{
		outlet:   widget.NewSelect([]string{anyOutlet}, nil),
		after:    widget.NewEntry(),
		before:   widget.NewEntry(),
		tags:     tagtree.Build(nil),
		tagLabel: widget.NewLabel(""),
		changed:  u.applyQuery,
	}
	f.outlet.SetSelected(anyOutlet)
	f.outlet.OnChanged = func(string) { u.applyQuery() }
	f.tagTree = tagtree.NewTree(func() *tagtree.Set { return f.tags }, func(t app.TagInfo) string {
		return fmt.Sprintf("%d · %d", t.Articles, t.Annotations)
	})
	f.tagTree.OnSelected = func(id widget.TreeNodeID) { f.setTag(id) }
	f.anyTag = widget.NewButtonWithIcon("Any tag", theme.ContentClearIcon(), func() { f.setTag("") })
	f.showTag()
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
	treeHeight := canvas.NewRectangle(color.Transparent)
	treeHeight.SetMinSize(fyne.NewSize(0, tagTreeHeight))
	f.box = container.NewVBox(
		container.NewGridWithColumns(2, u.lib.sort, f.outlet, f.after, f.before),
		container.NewBorder(nil, nil, nil, f.anyTag, f.tagLabel),
		container.NewStack(treeHeight, f.tagTree))
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
	if f.tag != "" {
		parts = append(parts, `tag:"`+strings.ReplaceAll(f.tag, `"`, "")+`"`)
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

// applyQuery runs the search box's text with the filters (quick-open
// keeps the titles of the articles they pass).
func (u *UI) applyQuery() {
	text := strings.TrimSpace(u.lib.query.Text)
	if f := u.lib.filters.query(); f != "" {
		if strings.HasPrefix(text, ">") {
			text += quickFilterMark + f
		} else {
			text = strings.TrimSpace(text + " " + f)
		}
	}
	u.runQuery(text)
}

// quickFilterMark joins a quick-open pattern and the filters' query in
// what runQuery is given; no one types it.
const quickFilterMark = "\x00"

// setTag filters by a tag and those below it ("" for any tag), as if
// the user had picked it in the tree.
func (f *filters) setTag(path string) {
	if path == f.tag {
		return
	}
	f.tag = path
	if path == "" {
		f.tagTree.UnselectAll()
	} else {
		f.tagTree.Select(path) // calls back here with the same path: no-op
		f.tagTree.ScrollTo(path)
	}
	f.showTag()
	f.changed()
}

func (f *filters) showTag() {
	switch {
	case f.tag != "":
		f.tagLabel.SetText("Tag: " + f.tag + " (and below)")
		f.anyTag.Enable()
	case len(f.tags.Children[""]) == 0:
		f.tagLabel.SetText("No tags yet")
		f.anyTag.Disable()
	default:
		f.tagLabel.SetText("Any tag · articles · annotations")
		f.anyTag.Disable()
	}
}

// setTags shows the collection's tags in the tree; a picked tag that
// has gone (renamed, merged, deleted) is dropped from the filter.
func (f *filters) setTags(infos []app.TagInfo) {
	f.tags = tagtree.Build(infos)
	f.tagTree.Refresh()
	f.tagTree.OpenAllBranches()
	if _, ok := f.tags.Tags[f.tag]; f.tag != "" && !ok {
		f.setTag("")
		return
	}
	f.showTag()
}

// setChoices offers the collection's outlets.
func (f *filters) setChoices(outlets []string) {
	f.outlet.SetOptions(append([]string{anyOutlet}, outlets...))
}
