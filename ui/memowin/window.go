// Package memowin is the Memos window: the analysts' Markdown memos on
// the project, on tags and on articles, listed and filtered, each shown
// rendered, written, edited and deleted there.
package memowin

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/ui/escentry"
	"github.com/parallax-news/parallax/ui/jobs"
)

// What the Show picker offers.
const (
	ShowAll      = "All memos"
	ShowProject  = "The project"
	ShowTags     = "Tags"
	ShowArticles = "Articles"
	ShowArticle  = "This article"
	allAnalysts  = "Every analyst"
)

// Changes is how the window changes memos. The main window implements
// it, so Ctrl+Z there takes a change back; each calls done on the UI
// goroutine once the change is stored or has failed. Without them the
// window only reads.
type Changes struct {
	Write  func(kind app.MemoKind, article app.ArticleID, tag, text string, done func(app.Memo, error))
	Edit   func(id app.MemoID, text string, done func(app.Memo, error))
	Delete func(m app.Memo, done func(error))
}

// Window is an open Memos window. Its fields are for tests.
type Window struct {
	win     fyne.Window
	st      app.Reader
	jobs    *jobs.Runner
	changes Changes

	// article is the one the main window shows (0: none), for "This
	// article" and new article memos; title is its headline.
	article app.ArticleID
	title   string
	tags    []string // every tag path, for a new tag memo

	all    []app.Memo                  // every memo, in the store's order
	titles map[app.ArticleID]string    // the headlines of articles with memos; nil until read
	Shown  []app.Memo                  // what the list shows
	Picked app.Memo                    // the memo on the right (ID 0: none)
	Show   *widget.Select              // which memos
	Who    *widget.Select              // whose
	Filter *widget.Entry               // words the memo must contain
	List   *widget.List                // the memos shown
	Head   *widget.Label               // the picked memo's target, analyst, dates
	View   *widget.RichText            // the picked memo, rendered
	Status *widget.Label               // counts, or what went wrong
	New    *widget.Button              // write a memo
	EditB  *widget.Button              // edit the picked memo
	DelB   *widget.Button              // delete it
	OpenB  *widget.Button              // open its article
	Editor *Editor                     // the memo editor open now
	OnOpen func(article app.ArticleID) // open an article in the reader
}

// Open shows the window with the memos show picks; article is the one
// the main window shows (0: none) with its title, tags every tag path.
func Open(a fyne.App, st app.Reader, j *jobs.Runner, changes Changes, show string, article app.ArticleID, title string, tags []string) *Window {
	w := &Window{win: a.NewWindow("Memos"), st: st, jobs: j, changes: changes, OnOpen: func(app.ArticleID) {}}
	w.SetArticle(article, title, tags)
	w.Show = widget.NewSelect(w.showOptions(), func(string) { w.apply() })
	w.Who = widget.NewSelect([]string{allAnalysts}, func(string) { w.apply() })
	w.Filter = widget.NewEntry()
	w.Filter.SetPlaceHolder("words in the memo")
	w.Filter.OnChanged = func(string) { w.apply() }
	w.Status = widget.NewLabel("Reading memos…")
	w.Status.Truncation = fyne.TextTruncateEllipsis
	w.List = widget.NewList(func() int { return len(w.Shown) }, func() fyne.CanvasObject {
		title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		about := widget.NewLabel("")
		about.SizeName = theme.SizeNameCaptionText
		about.Truncation = fyne.TextTruncateEllipsis
		return container.NewVBox(title, about)
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		m := w.Shown[i]
		rows := o.(*fyne.Container).Objects
		rows[0].(*widget.Label).SetText(m.Title())
		rows[1].(*widget.Label).SetText(w.byline(m))
	})
	w.List.OnSelected = func(i widget.ListItemID) { w.pick(w.Shown[i]) }
	w.Head = widget.NewLabel("")
	w.Head.Wrapping = fyne.TextWrapWord
	w.View = widget.NewRichText()
	w.View.Wrapping = fyne.TextWrapWord
	w.New = widget.NewButtonWithIcon("New memo", theme.ContentAddIcon(), func() { w.OpenEditor(app.Memo{}) })
	w.EditB = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { w.OpenEditor(w.Picked) })
	w.DelB = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), w.confirmDelete)
	w.OpenB = widget.NewButtonWithIcon("Open article", theme.NavigateNextIcon(), func() { w.OnOpen(w.Picked.Article) })
	w.pick(app.Memo{})
	if changes.Write == nil {
		w.New.Hide()
		w.EditB.Hide()
		w.DelB.Hide()
	}

	top := container.NewBorder(nil, nil, nil, w.New, container.NewGridWithColumns(3, w.Show, w.Who, w.Filter))
	right := container.NewBorder(container.NewVBox(w.Head, container.NewHBox(w.EditB, w.DelB, w.OpenB), widget.NewSeparator()),
		nil, nil, nil, container.NewVScroll(w.View))
	split := container.NewHSplit(w.List, right)
	split.Offset = 0.38
	w.win.SetContent(container.NewBorder(top, w.Status, nil, nil, split))
	w.win.Resize(fyne.NewSize(900, 600))
	w.win.Show()
	w.Show.SetSelected(show)
	if w.Show.Selected == "" {
		w.Show.SetSelected(ShowAll)
	}
	w.Reload()
	return w
}

// SetArticle tells the window which article the main window shows, and
// the tags there are. Every memo is read already: "This article" only
// filters them again.
func (w *Window) SetArticle(id app.ArticleID, title string, tags []string) {
	w.article, w.title, w.tags = id, title, tags
	if w.Show != nil {
		w.Show.SetOptions(w.showOptions())
		if w.Show.Selected == ShowArticle {
			w.apply()
		}
	}
}

func (w *Window) showOptions() []string {
	opts := []string{ShowAll, ShowProject, ShowTags, ShowArticles}
	if w.article != 0 {
		opts = append(opts, ShowArticle)
	}
	return opts
}

// Close closes the window.
func (w *Window) Close() { w.win.Close() }

// RequestFocus brings the window forward.
func (w *Window) RequestFocus() { w.win.RequestFocus() }

// OnClosed sets what happens when the window closes.
func (w *Window) OnClosed(fn func()) { w.win.SetOnClosed(fn) }

// Reload reads every memo again, off the UI goroutine, keeping the memo
// picked when it is still there.
func (w *Window) Reload() {
	w.jobs.Go(func() {
		var all []app.Memo
		titles := map[app.ArticleID]string{}
		err := w.st.ForEachMemo(app.MemoFilter{}, func(m app.Memo) error {
			all = append(all, m)
			if _, ok := titles[m.Article]; m.Kind == app.ArticleMemo && !ok {
				a, err := w.st.FindArticleByID(m.Article)
				if err != nil {
					return err
				}
				titles[m.Article] = a.Title
			}
			return nil
		})
		w.jobs.Post(func() {
			if err != nil {
				w.Status.SetText(err.Error())
				return
			}
			w.all, w.titles = all, titles
			analysts := []string{allAnalysts}
			for _, m := range all {
				if m.Analyst != "" && !slices.Contains(analysts, m.Analyst) {
					analysts = append(analysts, m.Analyst)
				}
			}
			slices.Sort(analysts[1:])
			w.Who.SetOptions(analysts)
			if w.Who.Selected == "" || !slices.Contains(analysts, w.Who.Selected) {
				w.Who.Selected = allAnalysts
				w.Who.Refresh()
			}
			w.apply()
		})
	})
}

// apply lists the memos the pickers and the filter let through, once
// they are read.
func (w *Window) apply() {
	if w.titles == nil {
		return // Reload applies them
	}
	f := app.MemoFilter{}
	switch w.Show.Selected {
	case ShowProject:
		f.Kind = app.ProjectMemo
	case ShowTags:
		f.Kind = app.TagMemo
	case ShowArticles:
		f.Kind = app.ArticleMemo
	case ShowArticle:
		f.Kind, f.Article = app.ArticleMemo, w.article
	}
	if w.Who.Selected != allAnalysts {
		f.Analyst = w.Who.Selected
	}
	words := strings.Fields(strings.ToLower(w.Filter.Text))
	w.Shown = w.Shown[:0]
	for _, m := range w.all {
		if f.Match(m) && containsAll(strings.ToLower(m.Text+" "+w.about(m)), words) {
			w.Shown = append(w.Shown, m)
		}
	}
	w.List.UnselectAll()
	w.List.Refresh()
	w.Status.SetText(fmt.Sprintf("%d of %d memos", len(w.Shown), len(w.all)))
	if i := slices.IndexFunc(w.Shown, func(m app.Memo) bool { return m.ID == w.Picked.ID }); i >= 0 {
		w.List.Select(i)
	} else if len(w.Shown) > 0 {
		w.List.Select(0)
	} else {
		w.pick(app.Memo{})
	}
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// on says what a memo is on.
func (w *Window) on(m app.Memo) string {
	switch m.Kind {
	case app.ArticleMemo:
		return "Article: " + app.Excerpt(w.titles[m.Article], 60)
	case app.TagMemo:
		return "Tag: " + m.Tag
	}
	return "Project"
}

// about says what a memo is on, whose it is and when it last changed.
func (w *Window) about(m app.Memo) string {
	parts := []string{w.on(m)}
	if m.Analyst != "" {
		parts = append(parts, m.Analyst)
	}
	return strings.Join(append(parts, m.Modified.Local().Format("2 Jan 2006 15:04")), "  ·  ")
}

// byline is a list row's second line: whose, when, then on what (which
// a narrow list cuts short).
func (w *Window) byline(m app.Memo) string {
	var parts []string
	if m.Analyst != "" {
		parts = append(parts, m.Analyst)
	}
	return strings.Join(append(parts, m.Modified.Local().Format("2 Jan 2006"), w.on(m)), "  ·  ")
}

// pick shows a memo on the right (ID 0: none).
func (w *Window) pick(m app.Memo) {
	w.Picked = m
	if m.ID == 0 {
		w.Head.SetText("Pick a memo, or write one with New memo.")
		w.View.ParseMarkdown("")
		w.EditB.Disable()
		w.DelB.Disable()
		w.OpenB.Hide()
		return
	}
	head := w.about(m)
	if !m.Created.Equal(m.Modified) {
		head += "  ·  written " + m.Created.Local().Format("2 Jan 2006 15:04")
	}
	w.Head.SetText(head)
	w.View.ParseMarkdown(m.Text)
	w.EditB.Enable()
	w.DelB.Enable()
	if m.Kind == app.ArticleMemo {
		w.OpenB.Show()
	} else {
		w.OpenB.Hide()
	}
}

func (w *Window) confirmDelete() {
	m := w.Picked
	if m.ID == 0 {
		return
	}
	dialog.ShowConfirm("Delete memo", fmt.Sprintf("Delete the memo “%s” (%s)?\nCtrl+Z in the main window brings it back.", m.Title(), w.on(m)),
		func(ok bool) {
			if ok {
				w.changes.Delete(m, func(err error) {
					if err != nil {
						dialog.ShowError(err, w.win)
						return
					}
					w.pick(app.Memo{})
					w.Reload()
				})
			}
		}, w.win)
}

// Editor is the dialog that writes or edits a memo. It stays open until
// the memo is stored, so a refusal (a tag that does not exist) loses no
// text. Its fields are for tests.
type Editor struct {
	On     *widget.RadioGroup // project, this article, a tag (new memos)
	Tag    *escentry.Select
	Text   *escentry.Entry
	Error  *widget.Label // why the last save failed
	SaveB  *widget.Button
	Cancel *widget.Button
	d      *dialog.CustomDialog
}

// What a new memo can be on.
const (
	onProject = "The project"
	onArticle = "This article"
	onTag     = "A tag"
)

// OpenEditor writes a new memo (ID 0) or edits m.
func (w *Window) OpenEditor(m app.Memo) {
	e := &Editor{Error: widget.NewLabel("")}
	cancel := func() { e.d.Hide() } // Escape, from the fields too
	e.Text = escentry.NewMultiLine(cancel)
	e.Text.SetPlaceHolder("Markdown: # heading, *emphasis*, - list")
	e.Text.SetMinRowsVisible(10)
	e.Text.SetText(m.Text)
	e.Error.Importance = widget.DangerImportance
	e.Error.Wrapping = fyne.TextWrapWord
	e.Error.Hide()
	e.Tag = escentry.NewSelect(w.tags, cancel)
	e.Tag.SetPlaceHolder("actor/russia")
	var head fyne.CanvasObject
	title := "Edit memo"
	if m.ID == 0 {
		title = "New memo"
		opts := []string{onProject}
		if w.article != 0 {
			opts = append(opts, onArticle+": "+app.Excerpt(w.title, 50))
		}
		opts = append(opts, onTag)
		e.On = widget.NewRadioGroup(opts, func(s string) {
			if s == onTag {
				e.Tag.Enable()
			} else {
				e.Tag.Disable()
			}
		})
		e.On.Required = true
		// Start where the list is: on a tag when it shows tags, on this
		// article when it shows articles.
		switch {
		case w.Show.Selected == ShowTags:
			e.On.SetSelected(onTag)
		case (w.Show.Selected == ShowArticle || w.Show.Selected == ShowArticles) && w.article != 0:
			e.On.SetSelected(opts[1])
		default:
			e.On.SetSelected(onProject)
		}
		head = container.NewVBox(e.On, e.Tag)
	} else {
		head = widget.NewLabel(w.about(m))
	}
	e.Cancel = widget.NewButton("Cancel", cancel)
	e.SaveB = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), func() { w.save(e, m) })
	e.SaveB.Importance = widget.HighImportance
	body := container.NewBorder(head, container.NewVBox(e.Error, container.NewHBox(layout.NewSpacer(), e.Cancel, e.SaveB)), nil, nil, e.Text)
	e.d = dialog.NewCustomWithoutButtons(title, body, w.win)
	e.d.SetOnClosed(func() { w.Editor = nil })
	e.d.Resize(fyne.NewSize(620, 480))
	w.Editor = e
	e.d.Show()
	w.win.Canvas().Focus(e.Text)
}

// save stores what the editor holds, closing it once stored.
func (w *Window) save(e *Editor, m app.Memo) {
	text := strings.TrimSpace(e.Text.Text)
	if text == "" {
		e.fail(fmt.Errorf("the memo is empty"))
		return
	}
	e.SaveB.Disable()
	done := func(saved app.Memo, err error) {
		if err != nil {
			e.fail(err)
			return
		}
		e.d.Hide()
		w.Picked = saved
		w.Reload()
	}
	switch {
	case m.ID != 0:
		w.changes.Edit(m.ID, text, done)
	case e.On.Selected == onTag:
		w.changes.Write(app.TagMemo, 0, strings.TrimSpace(e.Tag.Text), text, done)
	case strings.HasPrefix(e.On.Selected, onArticle):
		w.changes.Write(app.ArticleMemo, w.article, "", text, done)
	default:
		w.changes.Write(app.ProjectMemo, 0, "", text, done)
	}
}

func (e *Editor) fail(err error) {
	e.Error.SetText(err.Error())
	e.Error.Show()
	e.SaveB.Enable()
}
