package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/ui/annotform"
	"github.com/parallax-news/parallax/ui/cardlist"
	"github.com/parallax-news/parallax/ui/reader"
	"github.com/parallax-news/parallax/ui/swatch"
)

// readAnnotations returns an article's annotations placed in revision
// n, in text order, and its orphans.
func (u *UI) readAnnotations(id app.ArticleID, n int) (placed, orphans []app.Annotation, total int, err error) {
	err = u.p.Store.ForEachAnnotation(app.AnnotationFilter{Article: id}, func(a app.Annotation) error {
		total++
		if a.Status == anchor.Orphaned {
			orphans = append(orphans, a)
		} else if in, ok := a.In(n); ok {
			placed = append(placed, in)
		}
		return nil
	})
	sort.SliceStable(placed, func(i, j int) bool { return placed[i].Start < placed[j].Start })
	return placed, orphans, total, err
}

// setAnnotations shows annotations as highlights and in the panel.
// Only the layers shown count: hidden analysts' annotations are neither
// highlighted nor listed.
func (u *UI) setAnnotations(placed, orphans []app.Annotation) {
	l := u.art.layers
	l.set(placed, orphans)
	placed, orphans = l.filter(placed), l.filter(orphans)
	l.refresh()
	u.art.annotations, u.art.orphans = placed, orphans
	hs := make([]reader.Highlight, len(placed))
	for i, a := range placed {
		hs[i] = reader.Highlight{ID: uint64(a.ID), Start: a.Start, End: a.End, Color: swatch.Parse(a.Color)}
	}
	u.art.reader.SetHighlights(hs)
	u.art.notes.Refresh()
}

// reloadAnnotations re-reads the shown article's annotations.
func (u *UI) reloadAnnotations() {
	id, n := u.art.current.ID, u.art.revision.Number
	u.background(func() {
		placed, orphans, total, err := u.readAnnotations(id, n)
		if err != nil {
			u.fail(err)
			return
		}
		tags := u.readTags() // an annotation may have brought new tags or counts
		u.jobs.Post(func() {
			if tags != nil {
				u.setTags(tags)
			}
			if u.counts != nil {
				u.counts[id] = total
			}
			if u.art.current.ID == id {
				u.setAnnotations(placed, orphans)
				u.refreshArticle(u.art.current)
			}
		})
	})
}

// newAnnotationsPanel lists the shown article's annotations in text
// order, then its orphans; a click scrolls the reader to one. Each card
// is as tall as its wrapped quote, note and tags.
func (u *UI) newAnnotationsPanel() *cardlist.List {
	l := cardlist.New(
		func() int { return len(u.art.annotations) + len(u.art.orphans) },
		func() fyne.CanvasObject {
			quote := widget.NewLabel("quote")
			quote.Wrapping = fyne.TextWrapWord
			quote.TextStyle.Italic = true
			note := widget.NewRichText() // notes are Markdown
			note.Wrapping = fyne.TextWrapWord
			tags := widget.NewLabel("tags")
			tags.SizeName = theme.SizeNameCaptionText
			tags.Truncation = fyne.TextTruncateEllipsis
			swatch := swatch.New()
			return container.NewBorder(nil, nil, swatch, nil, container.NewVBox(quote, note, tags))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a, orphan := u.annotationAt(i)
			box := o.(*fyne.Container)
			body := box.Objects[0].(*fyne.Container)
			quote := "“" + app.Excerpt(a.Quote, 160) + "”"
			if orphan {
				quote = "Orphaned: " + quote
			}
			body.Objects[0].(*widget.Label).SetText(quote)
			note := body.Objects[1].(*widget.RichText)
			if a.Note == "" {
				note.Hide()
			} else {
				note.ParseMarkdown(a.Note)
				note.Show()
			}
			line := strings.Join(a.Tags, "  ·  ")
			if len(u.art.layers.names) > 1 { // whose first, when layers can be told apart
				line = strings.TrimSuffix(orNone(a.Analyst)+"  ·  "+line, "  ·  ")
			}
			setShown(body.Objects[2].(*widget.Label), line)
			swatch.Set(box.Objects[1], swatch.Parse(a.Color))
		},
	)
	l.OnSelected = func(i widget.ListItemID) {
		a, orphan := u.annotationAt(i)
		if !orphan {
			u.art.reader.ScrollTo(a.Start)
			u.art.reader.Select(a.Start, a.End)
		}
		l.UnselectAll()
		if orphan {
			u.promptReattach(a)
		}
	}
	return l
}

// setShown sets a label's text and hides it when there is none, so a
// card without a note has no blank line.
func setShown(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

func (u *UI) annotationAt(i int) (app.Annotation, bool) {
	if i < len(u.art.annotations) {
		return u.art.annotations[i], false
	}
	return u.art.orphans[i-len(u.art.annotations)], true
}

// promptAnnotate asks for a note, tags and colour for a selected span.
func (u *UI) promptAnnotate(start, end int) {
	if u.art.revision.Number == 0 {
		return
	}
	quote := string([]rune(u.art.revision.Body)[start:end])
	id, rev := u.art.current.ID, u.art.revision.Number
	u.showForm(annotform.New(u.win, "Annotate", app.Annotation{Selector: anchor.Selector{Quote: quote}}, u.knownTags, func(v annotform.Values) {
		in := app.AnnotateInput{Article: id, Revision: rev, Span: app.Span{Start: start, End: end}, Note: v.Note, Tags: v.Tags, Color: v.Color}
		known := slices.Clone(u.knownTags)
		u.change(func() (func() error, error) {
			a, err := u.an.Annotate(in)
			return func() error {
				if _, err := u.an.Delete(a.ID); err != nil {
					return err
				}
				return u.dropNewTags(known, a.Tags)
			}, err
		})
	}, nil))
	u.win.Canvas().Focus(u.form.Note)
}

// dropNewTags is part of undoing a change: the tags it defined (those of
// tags, or above them, that were not in known) go again, if nothing uses
// them now. Off the UI goroutine.
func (u *UI) dropNewTags(known, tags []string) error {
	var created []string
	for _, t := range tags {
		for _, p := range append(app.TagAncestors(t), t) {
			if !slices.Contains(known, p) && !slices.ContainsFunc(created, func(c string) bool { return app.TagWithin(p, c) }) {
				created = append(created, p) // the highest new path: deleting it takes those below
			}
		}
	}
	for _, t := range created {
		use, err := u.p.Tags.TagUsage(t)
		if app.ErrorCode(err) == app.ENOTFOUND {
			continue
		}
		if err != nil {
			return err
		}
		if use.Articles == 0 && use.Annotations == 0 {
			if _, err := u.p.Tags.DeleteTag(t); err != nil {
				return err
			}
		}
	}
	return nil
}

// showForm opens an annotate or edit dialog, closing the one open
// before, so dialogs never stack.
func (u *UI) showForm(f *annotform.Form) {
	if u.form != nil {
		u.form.Hide()
	}
	u.form = f
	f.Show()
	u.shown(f)
}

// promptEdit opens an annotation to change or delete it.
func (u *UI) promptEdit(id app.AnnotationID) {
	i := slices.IndexFunc(u.art.annotations, func(a app.Annotation) bool { return a.ID == id })
	if i < 0 {
		return
	}
	old := u.art.annotations[i]
	u.showForm(annotform.New(u.win, "Annotation", old, u.knownTags, func(v annotform.Values) {
		known := slices.Clone(u.knownTags)
		u.change(func() (func() error, error) {
			stored, err := u.p.Store.FindAnnotation(id) // as stored: old may be placed in an older revision
			if err != nil {
				return nil, err
			}
			e := app.Edit{Note: &v.Note, Tags: &v.Tags}
			if v.Color != "" {
				e.Color = &v.Color
			}
			edited, err := u.an.Edit(id, e)
			return func() error {
				if _, err := u.an.Restore(stored); err != nil {
					return err
				}
				return u.dropNewTags(known, edited.Tags)
			}, err
		})
	}, func() { u.deleteAnnotation(id) }))
}

// deleteAnnotation deletes an annotation; Ctrl+Z brings it back.
func (u *UI) deleteAnnotation(id app.AnnotationID) {
	u.change(func() (func() error, error) {
		a, err := u.an.Delete(id)
		return func() error { _, err := u.an.Restore(a); return err }, err
	})
}

// A step is a change the user can take back and make again: do makes it
// (again) and returns how to undo that.
type step struct {
	undo func() error
	do   func() (undo func() error, err error)
}

// change runs a store change off the UI goroutine, remembers how to
// undo and redo it and shows the result.
func (u *UI) change(do func() (undo func() error, err error)) {
	u.record(do, func() {
		u.art.reader.ClearSelection()
		u.unselected()
		u.reloadAnnotations()
	})
}

// record makes a change off the UI goroutine and, if it worked, keeps it
// as a step to undo, then runs shown on the UI goroutine.
func (u *UI) record(do func() (undo func() error, err error), shown func()) {
	u.recordOr(do, shown, u.showError)
}

// recordOr is record for a change whose window says itself why it
// failed: failed gets the error on the UI goroutine.
func (u *UI) recordOr(do func() (undo func() error, err error), shown func(), failed func(error)) {
	u.background(func() {
		undo, err := do()
		if err != nil {
			u.jobs.Post(func() { failed(err) })
			return
		}
		u.jobs.Post(func() {
			u.undo = append(u.undo, step{undo, do})
			u.redo = nil // a new change forks history
			shown()
		})
	})
}

// Undo takes back the last change (Ctrl+Z).
func (u *UI) Undo() {
	if len(u.undo) == 0 {
		return
	}
	s := u.undo[len(u.undo)-1]
	u.undo = u.undo[:len(u.undo)-1]
	u.background(func() {
		if err := s.undo(); err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() {
			u.redo = append(u.redo, s)
			u.stepped()
		})
	})
}

// Redo makes the last undone change again (Ctrl+Shift+Z).
func (u *UI) Redo() {
	if len(u.redo) == 0 {
		return
	}
	s := u.redo[len(u.redo)-1]
	u.redo = u.redo[:len(u.redo)-1]
	u.background(func() {
		undo, err := s.do()
		if err != nil {
			u.fail(err)
			return
		}
		u.jobs.Post(func() {
			u.undo = append(u.undo, step{undo, s.do})
			u.stepped()
		})
	})
}

// stepped shows what an undo or redo may have changed: annotations,
// or memos.
func (u *UI) stepped() {
	u.reloadAnnotations()
	u.memosChanged()
}

// promptReattach offers to move an orphan to the current selection.
func (u *UI) promptReattach(a app.Annotation) {
	start, end := u.art.reader.Selection()
	if start == end {
		u.inform("Orphaned annotation",
			fmt.Sprintf("“%s” was not found in this revision. Select the passage it belongs to, then click it here to re-attach it.", app.Excerpt(a.Quote, 120)))
		return
	}
	u.confirm("Re-attach annotation", fmt.Sprintf("Attach “%s” to the selected passage?", app.Excerpt(a.Quote, 80)), func(ok bool) {
		if !ok {
			return
		}
		old := a
		u.change(func() (func() error, error) {
			_, err := u.an.Reattach(a.ID, app.Span{Start: start, End: end})
			return func() error { _, err := u.an.Restore(old); return err }, err
		})
	})
}

// setTags keeps what the UI shows of the tag set: the paths offered for
// completion, the colours of the library's chips and the filter's tag
// tree. UI code reads these instead of scanning the store on the UI
// goroutine.
func (u *UI) setTags(infos []app.TagInfo) {
	u.knownTags = make([]string, len(infos))
	u.tagColors = make(map[string]string, len(infos))
	for i, t := range infos {
		u.knownTags[i] = t.Path
		u.tagColors[t.Path] = t.Color
	}
	u.art.tags.SetOptions(u.knownTags)
	u.lib.filters.setTags(infos)
	u.dropStaleKeys()
}

// readTags reads the tag set from the store, off the UI goroutine; on
// an error the UI keeps the tags it has.
func (u *UI) readTags() []app.TagInfo {
	tags, err := u.p.Store.Tags()
	if err != nil {
		return nil
	}
	return tags
}
